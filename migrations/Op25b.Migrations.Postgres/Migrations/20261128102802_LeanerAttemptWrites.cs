using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LeanerAttemptWrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_blocked_attempts_subscribers_subscriber_id",
                table: "blocked_attempts");

            migrationBuilder.DropIndex(
                name: "ix_attempt_rollups_hourly_hour",
                table: "attempt_rollups_hourly");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_attempt_rollups_hourly_hour",
                table: "attempt_rollups_hourly",
                column: "hour");

            migrationBuilder.AddForeignKey(
                name: "fk_blocked_attempts_subscribers_subscriber_id",
                table: "blocked_attempts",
                column: "subscriber_id",
                principalTable: "subscribers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
