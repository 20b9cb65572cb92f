using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddAbuseCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "abuse_cases",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    subscriber_id = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    trigger_hour = table.Column<long>(type: "INTEGER", nullable: true),
                    trigger_attempts = table.Column<long>(type: "INTEGER", nullable: true),
                    trigger_destinations = table.Column<int>(type: "INTEGER", nullable: true),
                    baseline_per_hour = table.Column<double>(type: "REAL", nullable: true),
                    opened_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_abuse_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_abuse_cases_subscribers_subscriber_id",
                        column: x => x.subscriber_id,
                        principalTable: "subscribers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "abuse_case_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    abuse_case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    from_state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    to_state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_abuse_case_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_abuse_case_events_abuse_cases_abuse_case_id",
                        column: x => x.abuse_case_id,
                        principalTable: "abuse_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_abuse_case_events_abuse_case_id_id",
                table: "abuse_case_events",
                columns: new[] { "abuse_case_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_abuse_cases_state_id",
                table: "abuse_cases",
                columns: new[] { "state", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_abuse_cases_subscriber_id_opened_at",
                table: "abuse_cases",
                columns: new[] { "subscriber_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ux_abuse_cases_one_unresolved_per_subscriber",
                table: "abuse_cases",
                column: "subscriber_id",
                unique: true,
                filter: "\"state\" <> 'resolved'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "abuse_case_events");

            migrationBuilder.DropTable(
                name: "abuse_cases");
        }
    }
}
