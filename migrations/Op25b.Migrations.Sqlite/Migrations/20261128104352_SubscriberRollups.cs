using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SubscriberRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attempt_rollups_subscriber_hourly",
                columns: table => new
                {
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    subscriber_id = table.Column<long>(type: "INTEGER", nullable: false),
                    attempts = table.Column<long>(type: "INTEGER", nullable: false),
                    packets = table.Column<long>(type: "INTEGER", nullable: false),
                    first_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attempt_rollups_subscriber_hourly", x => new { x.hour, x.subscriber_id });
                });

            migrationBuilder.CreateTable(
                name: "attempt_subscriber_destinations",
                columns: table => new
                {
                    subscriber_id = table.Column<long>(type: "INTEGER", nullable: false),
                    destination_ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    first_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    attempts = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attempt_subscriber_destinations", x => new { x.subscriber_id, x.destination_ip });
                });

            migrationBuilder.CreateIndex(
                name: "ix_attempt_rollups_subscriber_hourly_subscriber_id_hour",
                table: "attempt_rollups_subscriber_hourly",
                columns: new[] { "subscriber_id", "hour" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attempt_rollups_subscriber_hourly");

            migrationBuilder.DropTable(
                name: "attempt_subscriber_destinations");
        }
    }
}
