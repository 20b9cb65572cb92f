using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddressHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_sessions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    nas_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    subscriber_id = table.Column<long>(type: "INTEGER", nullable: false),
                    framed_ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    framed_ip_key = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 32, nullable: true),
                    delegated_prefix = table.Column<string>(type: "TEXT", maxLength: 43, nullable: true),
                    delegated_first = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 32, nullable: true),
                    delegated_last = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 32, nullable: true),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_update_at = table.Column<long>(type: "INTEGER", nullable: true),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_access_sessions_subscribers_subscriber_id",
                        column: x => x.subscriber_id,
                        principalTable: "subscribers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accounting_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    nas_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    event_time = table.Column<long>(type: "INTEGER", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    subscriber_external_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    framed_ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    delegated_prefix = table.Column<string>(type: "TEXT", maxLength: 43, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_access_sessions_delegated_first_delegated_last",
                table: "access_sessions",
                columns: new[] { "delegated_first", "delegated_last" });

            migrationBuilder.CreateIndex(
                name: "ix_access_sessions_framed_ip_key_started_at",
                table: "access_sessions",
                columns: new[] { "framed_ip_key", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_access_sessions_nas_id_ended_at",
                table: "access_sessions",
                columns: new[] { "nas_id", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_access_sessions_nas_id_session_id",
                table: "access_sessions",
                columns: new[] { "nas_id", "session_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_access_sessions_subscriber_id",
                table: "access_sessions",
                column: "subscriber_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_events_nas_id_session_id_type_event_time",
                table: "accounting_events",
                columns: new[] { "nas_id", "session_id", "type", "event_time" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_sessions");

            migrationBuilder.DropTable(
                name: "accounting_events");
        }
    }
}
