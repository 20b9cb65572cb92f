using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditSealing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "key_id",
                table: "audit_entries",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "seal_scheme",
                table: "audit_entries",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "key_id",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "seal_scheme",
                table: "audit_entries");
        }
    }
}
