#!/usr/bin/env bash
# A throwaway OP25B lab in network namespaces: two subscriber hosts, a router running nftables
# and its own sshd, and an "internet" host listening on 25, 465 and 587 (IPv4 and IPv6).
#
#   lab.sh up   <id> <workdir>   build it (tearing down any earlier lab of that id first);
#                                prints key=value lines on stdout, diagnostics on stderr
#   lab.sh down <id> <workdir>   kill what the lab started and delete its namespaces
#
# Both are idempotent; `down` also cleans up after a half-finished `up`.
#
#   s1  100.64.1.10/24  2001:db8:100:1::10/64 ──┐
#   s2  100.64.2.10/24  2001:db8:100:2::10/64 ──┤ router (forwarding, sshd) ── internet
#                                               │ 203.0.113.1/24        203.0.113.9/24
#   root namespace  fe80::1 ── mgmt veth ───────┘ 2001:db8:ffff::1/64   2001:db8:ffff::9/64
#
# Network safety: the root namespace gets exactly one lab interface, the management veth,
# with link-local addresses only and no routes to lab ranges; the router is reached as
# fe80::2%<veth>, which cannot leave the machine. Nothing under /etc is touched.
set -eEuo pipefail

here=$(cd "$(dirname "$0")" && pwd)
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

usage() { echo "usage: $0 up|down <id> <workdir>  (id: 1-10 letters/digits)" >&2; exit 2; }
[ $# -eq 3 ] || usage
action=$1 id=$2 wd=$3
[ -n "$wd" ] || usage
[ "$action" = up ] && mkdir -p "$wd"
[ -d "$wd" ] && wd=$(cd "$wd" && pwd)
# The id ends up in an interface name (max 15 chars: "op25m" + 10).
[[ $id =~ ^[A-Za-z0-9]{1,10}$ ]] || usage

ns_router=op25b-$id-router
ns_s1=op25b-$id-s1
ns_s2=op25b-$id-s2
ns_inet=op25b-$id-inet
all_ns=("$ns_s1" "$ns_s2" "$ns_inet" "$ns_router")
mgmt=op25m$id
ports=(25 465 587)

log() { echo "lab[$id]: $*" >&2; }

# A killed daemon stays a zombie until its parent (init, once `up` has exited) reaps it;
# that can take a second here, and a zombie holds nothing, so it counts as gone.
running() { local state; state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [ "$state" != Z ]; }

down() {
  local pidfile=$wd/pids pid ns
  if [ -f "$pidfile" ]; then
    while read -r pid; do
      [[ $pid =~ ^[0-9]+$ ]] && kill -TERM "$pid" 2>/dev/null || true
    done <"$pidfile"
  fi
  # Whatever still runs inside the lab's namespaces was started by the lab (sshd's per-connection
  # children, socat's forks, an `nft` a test left behind).
  for ns in "${all_ns[@]}"; do
    [ -e "/run/netns/$ns" ] || continue
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null || true; done
  done
  local deadline=$((SECONDS + 3)) alive
  while :; do
    alive=()
    if [ -f "$pidfile" ]; then
      while read -r pid; do
        [[ $pid =~ ^[0-9]+$ ]] && running "$pid" && alive+=("$pid")
      done <"$pidfile"
    fi
    for ns in "${all_ns[@]}"; do
      [ -e "/run/netns/$ns" ] && alive+=($(ip netns pids "$ns" 2>/dev/null))
    done
    [ ${#alive[@]} -eq 0 ] && break
    if [ $SECONDS -ge $deadline ]; then
      for pid in "${alive[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
      sleep 0.1
      break
    fi
    sleep 0.02
  done
  rm -f "$pidfile"
  for ns in "${all_ns[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  # Deleting the router namespace destroys the pair; this only matters after a failed `up`.
  ip link del "$mgmt" 2>/dev/null || true
}

# Starts a daemon in the background and records its PID (`ip netns exec` execs, so $! is it).
start() {
  local name=$1; shift
  "$@" </dev/null >>"$wd/$name.log" 2>&1 &
  echo $! >>"$wd/pids"
}

wait_listening() { # ns port...: until every port has a TCP listener in ns (max 5 s)
  local ns=$1; shift
  local deadline=$((SECONDS + 5)) port missing
  while :; do
    missing=()
    local listening
    listening=$(ip netns exec "$ns" ss -Hltn 2>/dev/null | awk '{print $4}')
    for port in "$@"; do grep -qE "[:.]$port\$" <<<"$listening" || missing+=("$port"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ $SECONDS -ge $deadline ] && { log "no listener on ${missing[*]} in $ns"; return 1; }
    sleep 0.02
  done
}

veth() { # ns-a name-a ns-b name-b
  ip link add "$2" netns "$1" type veth peer name "$4" netns "$3"
  ip -n "$1" link set "$2" up
  ip -n "$3" link set "$4" up
}

up() {
  "$here/prerequisites.sh"
  [ "$(id -u)" -eq 0 ] || { log "must run as root"; exit 1; }
  down
  mkdir -p "$wd"
  : >"$wd/pids"
  trap 'log "up failed; tearing down"; down; exit 1' ERR

  local ns
  for ns in "${all_ns[@]}"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    # DAD off before any interface exists, so every interface inherits it from "default";
    # otherwise IPv6 addresses stay tentative (unusable) for 1-2 s.
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
  done
  ip netns exec "$ns_router" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1

  veth "$ns_s1" eth0 "$ns_router" s1
  veth "$ns_s2" eth0 "$ns_router" s2
  veth "$ns_inet" eth0 "$ns_router" inet

  ip -n "$ns_router" addr add 100.64.1.1/24 dev s1
  ip -n "$ns_router" addr add 2001:db8:100:1::1/64 dev s1 nodad
  ip -n "$ns_router" addr add 100.64.2.1/24 dev s2
  ip -n "$ns_router" addr add 2001:db8:100:2::1/64 dev s2 nodad
  ip -n "$ns_router" addr add 203.0.113.1/24 dev inet
  ip -n "$ns_router" addr add 2001:db8:ffff::1/64 dev inet nodad

  endhost() { # ns v4/len v4-gw v6/len v6-gw
    ip -n "$1" addr add "$2" dev eth0
    ip -n "$1" addr add "$4" dev eth0 nodad
    ip -n "$1" route add default via "$3"
    ip -n "$1" -6 route add default via "$5"
  }
  endhost "$ns_s1" 100.64.1.10/24 100.64.1.1 2001:db8:100:1::10/64 2001:db8:100:1::1
  endhost "$ns_s2" 100.64.2.10/24 100.64.2.1 2001:db8:100:2::10/64 2001:db8:100:2::1
  endhost "$ns_inet" 203.0.113.9/24 203.0.113.1 2001:db8:ffff::9/64 2001:db8:ffff::1

  # Management link: the root end is created in the root namespace, with no automatic
  # link-local address and no IPv4, so fe80::1 is its only address.
  ip link add "$mgmt" type veth peer name mgmt netns "$ns_router"
  ip link set "$mgmt" addrgenmode none
  ip -n "$ns_router" link set mgmt addrgenmode none
  ip addr add fe80::1/64 dev "$mgmt" nodad
  ip -n "$ns_router" addr add fe80::2/64 dev mgmt nodad
  ip link set "$mgmt" up
  ip -n "$ns_router" link set mgmt up

  # The "internet": one socat per port, dual-stack (ipv6only=0), greeting like an MTA.
  printf '#!/bin/sh\nprintf "220 internet.lab ESMTP\\r\\n"\n' >"$wd/banner.sh"
  chmod 755 "$wd/banner.sh"
  local port
  for port in "${ports[@]}"; do
    start "socat-$port" ip netns exec "$ns_inet" \
      socat "TCP6-LISTEN:$port,ipv6only=0,fork,reuseaddr" "EXEC:$wd/banner.sh"
  done

  # sshd in the router namespace, with keys and config of its own in the workdir.
  rm -f "$wd/host_ed25519" "$wd/host_ed25519.pub" "$wd/client_ed25519" "$wd/client_ed25519.pub"
  ssh-keygen -q -t ed25519 -N '' -C "op25b-lab-$id-host" -f "$wd/host_ed25519"
  ssh-keygen -q -t ed25519 -N '' -C "op25b-lab-$id-client" -f "$wd/client_ed25519"
  # restrict: no pty, no forwarding; commands still run (the driver needs nft -c, -f and -j list).
  echo "restrict $(cat "$wd/client_ed25519.pub")" >"$wd/authorized_keys"
  # Every command runs through this wrapper: a test may write seconds into $wd/delay-apply or
  # $wd/delay-read to hold the next `nft -f` or `nft -j list` that long before it runs - a push
  # then stays in flight long enough to change the policy, kill the host, or cut the connection
  # between apply and read-back. Without those files it only runs the command.
  cat >"$wd/router-shell" <<'SHELL'
#!/bin/sh
wd=$(dirname "$0")
case "$SSH_ORIGINAL_COMMAND" in
  "nft -f - && "*)
    # Apply and verification in one exec: a hold on "read" falls between the two, as it would
    # between two commands.
    [ -f "$wd/delay-apply" ] && sleep "$(cat "$wd/delay-apply")"
    /usr/sbin/nft -f - || exit
    [ -f "$wd/delay-read" ] && sleep "$(cat "$wd/delay-read")"
    exec /bin/sh -c "${SSH_ORIGINAL_COMMAND#"nft -f - && "}" ;;
  "nft -f"*) hold=$wd/delay-apply ;;
  "nft -j list"*) hold=$wd/delay-read ;;
  *) hold= ;;
esac
[ -n "$hold" ] && [ -f "$hold" ] && sleep "$(cat "$hold")"
exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"
SHELL
  chmod 755 "$wd/router-shell"
  cat >"$wd/sshd_config" <<EOF
# The lab router's sshd; nothing from /etc/ssh is read.
ForceCommand $wd/router-shell
ListenAddress fe80::2%mgmt
Port 22
AddressFamily inet6
HostKey $wd/host_ed25519
AuthorizedKeysFile $wd/authorized_keys
PidFile none
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitUserRC no
UseDNS no
LogLevel INFO
EOF
  # sshd needs /run/sshd (privilege separation); a tmpfs on /run inside this process's own
  # mount namespace (ip netns exec makes one) provides it without touching the host's /run.
  start sshd ip netns exec "$ns_router" sh -c \
    'mount -t tmpfs -o size=64k,mode=755 lab-run /run && mkdir -m 755 /run/sshd && /usr/sbin/sshd -t -f "$1" && exec /usr/sbin/sshd -D -e -f "$1"' \
    sh "$wd/sshd_config"

  wait_listening "$ns_inet" "${ports[@]}"
  wait_listening "$ns_router" 22
  trap - ERR

  local fp
  fp=$(ssh-keygen -lf "$wd/host_ed25519.pub" | awk '{print $2}')
  # SSH.NET's HostKeyEventArgs.FingerPrintSHA256 is the same unpadded base64 as ssh-keygen
  # prints, without the "SHA256:" prefix.
  cat <<EOF
router_ns=$ns_router
s1_ns=$ns_s1
s2_ns=$ns_s2
internet_ns=$ns_inet
mgmt_veth=$mgmt
router_mgmt=fe80::2%$mgmt
ssh_port=22
ssh_user=root
ssh_private_key=$wd/client_ed25519
host_key_sha256=${fp#SHA256:}
EOF
}

case $action in
  up) up ;;
  down) down ;;
  *) usage ;;
esac
