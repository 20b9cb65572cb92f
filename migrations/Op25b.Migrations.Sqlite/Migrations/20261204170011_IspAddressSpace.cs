using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IspAddressSpace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "isp_address_space",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 43, nullable: false),
                    family = table.Column<int>(type: "INTEGER", nullable: false),
                    range_first = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 32, nullable: false),
                    range_last = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 32, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_isp_address_space", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_isp_address_space_family_range_first_range_last",
                table: "isp_address_space",
                columns: new[] { "family", "range_first", "range_last" });

            migrationBuilder.CreateIndex(
                name: "ix_isp_address_space_prefix",
                table: "isp_address_space",
                column: "prefix",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "isp_address_space");
        }
    }
}
