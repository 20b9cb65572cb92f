using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Op25b.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReconcileRouterDeployments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "state_unknown",
                table: "routers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "lease_until",
                table: "deployments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "owner",
                table: "deployments",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "retry_after",
                table: "deployments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "policy_change_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_change_requests", x => x.id);
                });

            migrationBuilder.Sql(Op25b.Persistence.Deployments.InFlightDeploymentSql.SupersedeAllButNewestOpen);

            migrationBuilder.CreateIndex(
                name: "ux_deployments_one_in_flight_per_router",
                table: "deployments",
                column: "router_id",
                unique: true,
                filter: "\"state\" IN ('queued', 'running', 'held', 'awaiting-external-apply')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "policy_change_requests");

            migrationBuilder.DropIndex(
                name: "ux_deployments_one_in_flight_per_router",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "state_unknown",
                table: "routers");

            migrationBuilder.DropColumn(
                name: "lease_until",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "owner",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "retry_after",
                table: "deployments");
        }
    }
}
