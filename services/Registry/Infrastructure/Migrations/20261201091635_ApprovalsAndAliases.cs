using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mlops.Registry.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ApprovalsAndAliases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "approval_status",
                table: "model_versions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "PENDING_MANUAL_APPROVAL");

            migrationBuilder.CreateTable(
                name: "approval_decisions",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    model_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    approver = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    decide_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_decisions", x => x.sequence);
                    table.CheckConstraint("ck_approval_decisions_decision", "decision IN ('APPROVE', 'REJECT')");
                    table.ForeignKey(
                        name: "FK_approval_decisions_model_versions_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "approval_policies",
                columns: table => new
                {
                    model_id = table.Column<Guid>(type: "uuid", nullable: false),
                    required_approvals = table.Column<int>(type: "integer", nullable: false),
                    approvers = table.Column<List<string>>(type: "text[]", nullable: false),
                    protected_aliases = table.Column<List<string>>(type: "text[]", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    update_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_policies", x => x.model_id);
                    table.CheckConstraint("ck_approval_policies_required_approvals", "required_approvals BETWEEN 1 AND 10");
                    table.ForeignKey(
                        name: "FK_approval_policies_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_alias_history",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    model_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alias = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    previous_version = table.Column<int>(type: "integer", nullable: false),
                    new_version = table.Column<int>(type: "integer", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    change_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_alias_history", x => x.sequence);
                    table.ForeignKey(
                        name: "FK_model_alias_history_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_aliases",
                columns: table => new
                {
                    model_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alias = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    model_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    update_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_aliases", x => new { x.model_id, x.alias });
                    table.ForeignKey(
                        name: "FK_model_aliases_model_versions_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_model_aliases_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_model_versions_approval_status",
                table: "model_versions",
                sql: "approval_status IN ('PENDING_MANUAL_APPROVAL', 'APPROVED', 'REJECTED')");

            migrationBuilder.CreateIndex(
                name: "ux_approval_decisions_model_version_id_approver",
                table: "approval_decisions",
                columns: new[] { "model_version_id", "approver" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_model_alias_history_model_id_alias_sequence",
                table: "model_alias_history",
                columns: new[] { "model_id", "alias", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_model_alias_history_model_id_sequence",
                table: "model_alias_history",
                columns: new[] { "model_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_model_aliases_model_version_id",
                table: "model_aliases",
                column: "model_version_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approval_decisions");

            migrationBuilder.DropTable(
                name: "approval_policies");

            migrationBuilder.DropTable(
                name: "model_alias_history");

            migrationBuilder.DropTable(
                name: "model_aliases");

            migrationBuilder.DropCheckConstraint(
                name: "ck_model_versions_approval_status",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "approval_status",
                table: "model_versions");
        }
    }
}
