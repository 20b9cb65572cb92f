using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Op25b.Migrations.Postgres.Migrations
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
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    subscriber_id = table.Column<long>(type: "bigint", nullable: false),
                    router_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    destination_ip = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                    attempts = table.Column<long>(type: "bigint", nullable: false),
                    packets = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attempt_rollups_hourly", x => new { x.hour, x.subscriber_id, x.router_name, x.destination_ip });
                });

            // Partitioned by day: created from SQL, as EF cannot describe a partitioned table.
            migrationBuilder.Sql(PostgresSql.Load("blocked_attempts_partitioned.sql"));

            migrationBuilder.CreateTable(
                name: "quarantine",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    origin = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: true),
                    raw = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
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
