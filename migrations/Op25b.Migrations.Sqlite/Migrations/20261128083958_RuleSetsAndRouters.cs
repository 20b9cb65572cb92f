using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RuleSetsAndRouters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mail_relays",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 43, nullable: false),
                    family = table.Column<int>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mail_relays", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policy_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    logging = table.Column<bool>(type: "INTEGER", nullable: false),
                    nflog_group = table.Column<int>(type: "INTEGER", nullable: false),
                    log_prefix = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    log_rate_per_second = table.Column<int>(type: "INTEGER", nullable: false),
                    max_removed_share = table.Column<double>(type: "REAL", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_set_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    router_group = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    triggered_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    warnings = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_set_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subscriber_pools",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    router_group = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 43, nullable: false),
                    family = table.Column<int>(type: "INTEGER", nullable: false),
                    range_first = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 32, nullable: false),
                    range_last = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 32, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriber_pools", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "routers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    platform = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    router_group = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    management_host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    management_port = table.Column<int>(type: "INTEGER", nullable: false),
                    ssh_user = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    credential_ref = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    host_key_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ace_budget = table.Column<int>(type: "INTEGER", nullable: true),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    live_rule_set_version_id = table.Column<long>(type: "INTEGER", nullable: true),
                    live_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: true),
                    live_since = table.Column<long>(type: "INTEGER", nullable: true),
                    drift_checked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    drift_detected = table.Column<bool>(type: "INTEGER", nullable: false),
                    drift_detail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_routers", x => x.id);
                    table.ForeignKey(
                        name: "fk_routers_rule_set_versions_live_rule_set_version_id",
                        column: x => x.live_rule_set_version_id,
                        principalTable: "rule_set_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deployments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    router_id = table.Column<long>(type: "INTEGER", nullable: false),
                    rule_set_version_id = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    queued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    output = table.Column<string>(type: "TEXT", nullable: true),
                    confirmed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deployments", x => x.id);
                    table.ForeignKey(
                        name: "fk_deployments_routers_router_id",
                        column: x => x.router_id,
                        principalTable: "routers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deployments_rule_set_versions_rule_set_version_id",
                        column: x => x.rule_set_version_id,
                        principalTable: "rule_set_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "policy_settings",
                columns: new[] { "id", "action", "log_prefix", "log_rate_per_second", "logging", "max_removed_share", "nflog_group", "version" },
                values: new object[] { 1, "drop", "OP25B-DROP ", 50, true, 0.25, 1, 1 });

            migrationBuilder.CreateIndex(
                name: "ix_deployments_queued_at",
                table: "deployments",
                column: "queued_at");

            migrationBuilder.CreateIndex(
                name: "ix_deployments_router_id_state",
                table: "deployments",
                columns: new[] { "router_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_deployments_rule_set_version_id",
                table: "deployments",
                column: "rule_set_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_mail_relays_prefix",
                table: "mail_relays",
                column: "prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_routers_live_rule_set_version_id",
                table: "routers",
                column: "live_rule_set_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_routers_name",
                table: "routers",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_routers_router_group",
                table: "routers",
                column: "router_group");

            migrationBuilder.CreateIndex(
                name: "ix_rule_set_versions_hash",
                table: "rule_set_versions",
                column: "hash");

            migrationBuilder.CreateIndex(
                name: "ix_rule_set_versions_router_group_number",
                table: "rule_set_versions",
                columns: new[] { "router_group", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subscriber_pools_family_range_first_range_last",
                table: "subscriber_pools",
                columns: new[] { "family", "range_first", "range_last" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriber_pools_router_group_prefix",
                table: "subscriber_pools",
                columns: new[] { "router_group", "prefix" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deployments");

            migrationBuilder.DropTable(
                name: "mail_relays");

            migrationBuilder.DropTable(
                name: "policy_settings");

            migrationBuilder.DropTable(
                name: "subscriber_pools");

            migrationBuilder.DropTable(
                name: "routers");

            migrationBuilder.DropTable(
                name: "rule_set_versions");
        }
    }
}
