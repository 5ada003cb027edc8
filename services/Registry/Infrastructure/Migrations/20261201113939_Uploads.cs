using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mlops.Registry.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Uploads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "last_reserved_version",
                table: "models",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "artifact_file_count",
                table: "model_versions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "model_versions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "ready");

            migrationBuilder.AddColumn<string>(
                name: "status_message",
                table: "model_versions",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "upload_heartbeat_at",
                table: "model_versions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "model_version_files",
                columns: table => new
                {
                    version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false, collation: "C"),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    blob_name = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_version_files", x => new { x.version_id, x.path });
                    table.ForeignKey(
                        name: "FK_model_version_files_model_versions_version_id",
                        column: x => x.version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_model_versions_pending_uploads",
                table: "model_versions",
                column: "upload_heartbeat_at",
                filter: "status = 'pending_upload'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_model_versions_status",
                table: "model_versions",
                sql: "status IN ('pending_upload', 'ready', 'failed')");

            // By hand: EF Core cannot express triggers.
            migrationBuilder.Sql(ArtifactImmutability.Create);

            // A version read now carries its aliases, so every cache must also hear of alias changes.
            migrationBuilder.Sql("""
                CREATE TRIGGER model_aliases_notify_changed AFTER INSERT OR UPDATE OR DELETE ON model_aliases
                    FOR EACH ROW EXECUTE FUNCTION registry_notify_model_changed('model_id');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER model_aliases_notify_changed ON model_aliases;");
            migrationBuilder.Sql(ArtifactImmutability.Drop);

            migrationBuilder.DropTable(
                name: "model_version_files");

            migrationBuilder.DropIndex(
                name: "ix_model_versions_pending_uploads",
                table: "model_versions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_model_versions_status",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "last_reserved_version",
                table: "models");

            migrationBuilder.DropColumn(
                name: "artifact_file_count",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "status",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "status_message",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "upload_heartbeat_at",
                table: "model_versions");
        }
    }
}
