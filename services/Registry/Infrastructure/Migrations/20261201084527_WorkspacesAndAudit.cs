using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mlops.Registry.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class WorkspacesAndAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    workspace = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false, collation: "C"),
                    time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "workspaces",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    create_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workspaces", x => x.name);
                });

            migrationBuilder.InsertData(
                table: "workspaces",
                columns: new[] { "name", "create_time", "created_by", "description" },
                values: new object[] { "default", new DateTimeOffset(new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", "The workspace of requests that name none." });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_workspace_sequence",
                table: "audit_entries",
                columns: new[] { "workspace", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_workspace_subject_sequence",
                table: "audit_entries",
                columns: new[] { "workspace", "subject", "sequence" });

            // Models made before workspaces were explicit keep theirs: each workspace they name now exists.
            migrationBuilder.Sql("""
                INSERT INTO workspaces (name, description, created_by, create_time)
                SELECT DISTINCT workspace, '', 'migration', now() FROM models
                ON CONFLICT (name) DO NOTHING;
                """);

            // The audit trail is append-only for everyone, the registry's own role included.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_entries is append-only: % is not allowed', TG_OP;
                END;
                $$;
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);

            migrationBuilder.AddForeignKey(
                name: "fk_models_workspaces_workspace",
                table: "models",
                column: "workspace",
                principalTable: "workspaces",
                principalColumn: "name",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_models_workspaces_workspace",
                table: "models");

            migrationBuilder.Sql("DROP TRIGGER audit_entries_append_only ON audit_entries; DROP FUNCTION audit_entries_append_only();");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "workspaces");
        }
    }
}
