#!/usr/bin/env bash
# Installs the Debian packages the network lab needs, when missing (root only).
# openssh-server is installed for its sshd binary only: the lab runs its own sshd inside the
# router namespace with its own config and keys. To keep the package's maintainer scripts
# from starting a system-wide sshd, a policy-rc.d that forbids service starts is put in place
# for the duration of the install (unless the machine already has one, as containers do).
set -euo pipefail

need=()
command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || need+=(nftables)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
command -v socat >/dev/null 2>&1 || need+=(socat)
{ command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ]; } || need+=(iproute2)
command -v timeout >/dev/null 2>&1 || need+=(coreutils)
# ulogd2 ships NFLOG records from the router namespace as JSON (the JSON output is a separate package).
[ -x /usr/sbin/ulogd ] || need+=(ulogd2)
ls /usr/lib/*/ulogd/ulogd_output_JSON.so >/dev/null 2>&1 || need+=(ulogd2-json)

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "lab prerequisites missing: ${need[*]} (run as root on Debian to install them)" >&2
  exit 1
fi

echo "installing lab prerequisites: ${need[*]}" >&2
policy=/usr/sbin/policy-rc.d
ours=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && ours=1
fi
trap '[ "$ours" = 1 ] && rm -f "$policy"' EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
