using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddressInvariantsAndIdempotency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "idempotency_fingerprint",
                table: "exemptions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "idempotency_claims",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    claimed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_claims", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_claims_operation_owner_key",
                table: "idempotency_claims",
                columns: new[] { "operation", "owner", "key" },
                unique: true);

            // One holder per address, one claiming exemption per address: held by the database (see the file).
            migrationBuilder.Sql(SqliteSql.Load("address_invariants.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteSql.Load("address_invariants_down.sql"));

            migrationBuilder.DropTable(
                name: "idempotency_claims");

            migrationBuilder.DropColumn(
                name: "idempotency_fingerprint",
                table: "exemptions");
        }
    }
}
