using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Op25b.Migrations.Postgres.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_until",
                table: "deployments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "owner",
                table: "deployments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "retry_after",
                table: "deployments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "policy_change_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
