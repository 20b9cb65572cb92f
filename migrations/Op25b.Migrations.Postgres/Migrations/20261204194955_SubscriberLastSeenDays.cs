using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SubscriberLastSeenDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attempt_subscriber_last_seen_days",
                columns: table => new
                {
                    subscriber_id = table.Column<long>(type: "bigint", nullable: false),
                    day = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    destinations = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attempt_subscriber_last_seen_days", x => new { x.subscriber_id, x.day });
                });

            // Filled from the subscriber-destination table, then kept equal to it by triggers (see the file).
            migrationBuilder.Sql(PostgresSql.Load("subscriber_last_seen_days.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresSql.Load("subscriber_last_seen_days_down.sql"));

            migrationBuilder.DropTable(
                name: "attempt_subscriber_last_seen_days");
        }
    }
}
