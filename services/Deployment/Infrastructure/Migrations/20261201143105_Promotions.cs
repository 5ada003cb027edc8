using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mlops.Deployment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Promotions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "promotion_routes",
                columns: table => new
                {
                    workspace = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    model_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    staging_endpoint = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    production_endpoint = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    approvers = table.Column<string[]>(type: "text[]", nullable: false),
                    gate_timeout_seconds = table.Column<int>(type: "integer", nullable: false),
                    check_input_example = table.Column<bool>(type: "boolean", nullable: false),
                    check_signature = table.Column<bool>(type: "boolean", nullable: false),
                    check_load_test = table.Column<bool>(type: "boolean", nullable: false),
                    load_test_requests = table.Column<int>(type: "integer", nullable: false),
                    load_test_concurrency = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    create_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_routes", x => new { x.workspace, x.model_name });
                });

            migrationBuilder.CreateTable(
                name: "promotions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    model_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    version = table.Column<int>(type: "integer", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    trigger = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source_event_id = table.Column<Guid>(type: "uuid", nullable: true),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    step = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rollout_step = table.Column<int>(type: "integer", nullable: false),
                    route = table.Column<string>(type: "jsonb", nullable: false),
                    staging_deployment = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    production_deployment = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    previous_weights = table.Column<string>(type: "jsonb", nullable: false),
                    production_revision = table.Column<long>(type: "bigint", nullable: true),
                    due_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reason = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    create_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "traffic_history",
                columns: table => new
                {
                    endpoint = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    weights = table.Column<string>(type: "jsonb", nullable: false),
                    mirrors = table.Column<string>(type: "jsonb", nullable: false),
                    sticky_header = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    change_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_traffic_history", x => new { x.endpoint, x.revision });
                    table.ForeignKey(
                        name: "fk_traffic_history_endpoints_endpoint",
                        column: x => x.endpoint,
                        principalTable: "endpoints",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "promotion_history",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    promotion_id = table.Column<Guid>(type: "uuid", nullable: false),
                    time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    step = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    detail = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_history", x => x.sequence);
                    table.ForeignKey(
                        name: "fk_promotion_history_promotions_promotion_id",
                        column: x => x.promotion_id,
                        principalTable: "promotions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_promotion_history_promotion_id_sequence",
                table: "promotion_history",
                columns: new[] { "promotion_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_promotions_create_time_id",
                table: "promotions",
                columns: new[] { "create_time", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_promotions_one_running_per_model",
                table: "promotions",
                columns: new[] { "workspace", "model_name" },
                unique: true,
                filter: "state = 'Running'");

            migrationBuilder.CreateIndex(
                name: "ix_promotions_source_event_id",
                table: "promotions",
                column: "source_event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_promotions_state_due_time",
                table: "promotions",
                columns: new[] { "state", "due_time" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "promotion_history");

            migrationBuilder.DropTable(
                name: "promotion_routes");

            migrationBuilder.DropTable(
                name: "traffic_history");

            migrationBuilder.DropTable(
                name: "promotions");
        }
    }
}
