using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RouterSyslogSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "log_time_zone",
                table: "routers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "router_syslog_sources",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    router_id = table.Column<long>(type: "INTEGER", nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_router_syslog_sources", x => x.id);
                    table.ForeignKey(
                        name: "fk_router_syslog_sources_routers_router_id",
                        column: x => x.router_id,
                        principalTable: "routers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_router_syslog_sources_address",
                table: "router_syslog_sources",
                column: "address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_router_syslog_sources_router_id",
                table: "router_syslog_sources",
                column: "router_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "router_syslog_sources");

            migrationBuilder.DropColumn(
                name: "log_time_zone",
                table: "routers");
        }
    }
}
