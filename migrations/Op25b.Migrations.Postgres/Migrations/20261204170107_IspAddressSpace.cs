using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Op25b.Migrations.Postgres.Migrations
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    prefix = table.Column<string>(type: "character varying(43)", maxLength: 43, nullable: false),
                    family = table.Column<int>(type: "integer", nullable: false),
                    range_first = table.Column<string>(type: "character(32)", fixedLength: true, maxLength: 32, nullable: false, collation: "C"),
                    range_last = table.Column<string>(type: "character(32)", fixedLength: true, maxLength: 32, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
