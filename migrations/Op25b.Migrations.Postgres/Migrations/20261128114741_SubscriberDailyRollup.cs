using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SubscriberDailyRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attempt_rollups_subscriber_daily",
                columns: table => new
                {
                    day = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    subscriber_id = table.Column<long>(type: "bigint", nullable: false),
                    attempts = table.Column<long>(type: "bigint", nullable: false),
                    packets = table.Column<long>(type: "bigint", nullable: false),
                    first_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attempt_rollups_subscriber_daily", x => new { x.day, x.subscriber_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_attempt_rollups_subscriber_daily_subscriber_id_day",
                table: "attempt_rollups_subscriber_daily",
                columns: new[] { "subscriber_id", "day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attempt_rollups_subscriber_daily");
        }
    }
}
