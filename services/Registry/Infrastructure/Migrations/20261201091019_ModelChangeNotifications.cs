using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mlops.Registry.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ModelChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every instance's model cache evicts a model when this announces a committed change to it (the argument
            // names the column that holds the model's id).
            migrationBuilder.Sql("""
                CREATE FUNCTION registry_notify_model_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('registry_model_changed',
                        to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) ->> TG_ARGV[0]);
                    RETURN NULL;
                END;
                $$;
                CREATE TRIGGER models_notify_changed AFTER INSERT OR UPDATE OR DELETE ON models
                    FOR EACH ROW EXECUTE FUNCTION registry_notify_model_changed('id');
                CREATE TRIGGER model_versions_notify_changed AFTER INSERT OR UPDATE OR DELETE ON model_versions
                    FOR EACH ROW EXECUTE FUNCTION registry_notify_model_changed('model_id');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER model_versions_notify_changed ON model_versions;
                DROP TRIGGER models_notify_changed ON models;
                DROP FUNCTION registry_notify_model_changed();
                """);
        }
    }
}
