using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BlockedAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attempt_rollups_hourly",
                columns: table => new
                {
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    subscriber_id = table.Column<long>(type: "INTEGER", nullable: false),
                    router_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    destination_ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    attempts = table.Column<long>(type: "INTEGER", nullable: false),
                    packets = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attempt_rollups_hourly", x => new { x.hour, x.subscriber_id, x.router_name, x.destination_ip });
                });

            migrationBuilder.CreateTable(
                name: "blocked_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    router_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    source_ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    source_key = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 32, nullable: false),
                    source_port = table.Column<int>(type: "INTEGER", nullable: true),
                    destination_ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    destination_port = table.Column<int>(type: "INTEGER", nullable: false),
                    protocol = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    packets = table.Column<int>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    subscriber_id = table.Column<long>(type: "INTEGER", nullable: true),
                    attributed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    dedup_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blocked_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_blocked_attempts_subscribers_subscriber_id",
                        column: x => x.subscriber_id,
                        principalTable: "subscribers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quarantine",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    origin = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: true),
                    raw = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quarantine", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_attempt_rollups_hourly_hour",
                table: "attempt_rollups_hourly",
                column: "hour");

            migrationBuilder.CreateIndex(
                name: "ix_attempt_rollups_hourly_subscriber_id_hour",
                table: "attempt_rollups_hourly",
                columns: new[] { "subscriber_id", "hour" });

            migrationBuilder.CreateIndex(
                name: "ix_blocked_attempts_dedup_key_occurred_at",
                table: "blocked_attempts",
                columns: new[] { "dedup_key", "occurred_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_blocked_attempts_occurred_at",
                table: "blocked_attempts",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_blocked_attempts_source_key_occurred_at",
                table: "blocked_attempts",
                columns: new[] { "source_key", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_blocked_attempts_subscriber_id_occurred_at",
                table: "blocked_attempts",
                columns: new[] { "subscriber_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_quarantine_received_at",
                table: "quarantine",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attempt_rollups_hourly");

            migrationBuilder.DropTable(
                name: "blocked_attempts");

            migrationBuilder.DropTable(
                name: "quarantine");
        }
    }
}
