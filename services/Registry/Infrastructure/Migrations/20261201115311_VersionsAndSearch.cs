using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mlops.Registry.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class VersionsAndSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "revision",
                table: "models",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "update_time",
                table: "models",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "dataset_versions",
                table: "model_versions",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "flavor",
                table: "model_versions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "framework",
                table: "model_versions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "framework_version",
                table: "model_versions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "metrics",
                table: "model_versions",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{}'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "model_name",
                table: "model_versions",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "params",
                table: "model_versions",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{}'::jsonb");

            migrationBuilder.AddColumn<long>(
                name: "revision",
                table: "model_versions",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<string>(
                name: "signature",
                table: "model_versions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_commit",
                table: "model_versions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_pipeline_url",
                table: "model_versions",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_run_id",
                table: "model_versions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "update_time",
                table: "model_versions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "workspace",
                table: "model_versions",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "",
                collation: "C");

            // Hand-written: rows from before these columns get their values.
            migrationBuilder.Sql("UPDATE models SET update_time = create_time;");
            migrationBuilder.Sql("UPDATE model_versions v SET workspace = m.workspace, model_name = m.name, update_time = v.create_time FROM models m WHERE m.id = v.model_id;");

            // Hand-written: the copies of the model's workspace and name are the database's to keep, so a version
            // inserted by any writer (a seeder, a raw INSERT) is found by searches and reads; and a finer histogram of
            // metrics, whose statistics estimate metric conditions.
            migrationBuilder.Sql("""
                CREATE FUNCTION model_versions_copy_model() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    SELECT m.workspace, m.name INTO NEW.workspace, NEW.model_name FROM models m WHERE m.id = NEW.model_id;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER model_versions_copy_model BEFORE INSERT OR UPDATE OF model_id ON model_versions
                    FOR EACH ROW EXECUTE FUNCTION model_versions_copy_model();
                ALTER TABLE model_versions ALTER COLUMN metrics SET STATISTICS 1000;
                """);

            migrationBuilder.CreateTable(
                name: "model_version_input_examples",
                columns: table => new
                {
                    model_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_version_input_examples", x => x.model_version_id);
                    table.ForeignKey(
                        name: "FK_model_version_input_examples_model_versions_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_models_tags",
                table: "models",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_model_versions_metrics",
                table: "model_versions",
                column: "metrics")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_model_versions_params",
                table: "model_versions",
                column: "params")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_model_versions_tags",
                table: "model_versions",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_model_versions_workspace_create_time_id",
                table: "model_versions",
                columns: new[] { "workspace", "create_time", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_model_versions_workspace_model_name_version",
                table: "model_versions",
                columns: new[] { "workspace", "model_name", "version" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER model_versions_copy_model ON model_versions; DROP FUNCTION model_versions_copy_model();");

            migrationBuilder.DropTable(
                name: "model_version_input_examples");

            migrationBuilder.DropIndex(
                name: "ix_models_tags",
                table: "models");

            migrationBuilder.DropIndex(
                name: "ix_model_versions_metrics",
                table: "model_versions");

            migrationBuilder.DropIndex(
                name: "ix_model_versions_params",
                table: "model_versions");

            migrationBuilder.DropIndex(
                name: "ix_model_versions_tags",
                table: "model_versions");

            migrationBuilder.DropIndex(
                name: "ix_model_versions_workspace_create_time_id",
                table: "model_versions");

            migrationBuilder.DropIndex(
                name: "ix_model_versions_workspace_model_name_version",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "models");

            migrationBuilder.DropColumn(
                name: "update_time",
                table: "models");

            migrationBuilder.DropColumn(
                name: "dataset_versions",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "flavor",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "framework",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "framework_version",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "metrics",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "model_name",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "params",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "signature",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "source_commit",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "source_pipeline_url",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "source_run_id",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "update_time",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "workspace",
                table: "model_versions");
        }
    }
}
