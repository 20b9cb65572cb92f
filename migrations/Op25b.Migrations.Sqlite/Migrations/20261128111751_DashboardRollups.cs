using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DashboardRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attempt_rollups_destination_daily",
                columns: table => new
                {
                    day = table.Column<long>(type: "INTEGER", nullable: false),
                    destination_ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    attempts = table.Column<long>(type: "INTEGER", nullable: false),
                    packets = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attempt_rollups_destination_daily", x => new { x.day, x.destination_ip });
                });

            migrationBuilder.CreateTable(
                name: "attempt_rollups_router_hourly",
                columns: table => new
                {
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    router_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    attempts = table.Column<long>(type: "INTEGER", nullable: false),
                    packets = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attempt_rollups_router_hourly", x => new { x.hour, x.router_name });
                });

            migrationBuilder.CreateIndex(
                name: "ix_attempt_subscriber_destinations_destination_ip",
                table: "attempt_subscriber_destinations",
                column: "destination_ip");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attempt_rollups_destination_daily");

            migrationBuilder.DropTable(
                name: "attempt_rollups_router_hourly");

            migrationBuilder.DropIndex(
                name: "ix_attempt_subscriber_destinations_destination_ip",
                table: "attempt_subscriber_destinations");
        }
    }
}
