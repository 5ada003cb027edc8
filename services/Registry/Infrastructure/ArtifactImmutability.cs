namespace Mlops.Registry.Infrastructure;

/// <summary>
/// The database's own guard of READY artifacts, applied by a migration: whatever client writes to it, the artifact
/// columns and the status of a READY version never change, and the file list of a READY version is never edited.
/// EF Core cannot express triggers, so the migration that adds this runs <see cref="Create"/> by hand.
/// </summary>
internal static class ArtifactImmutability
{
    public const string Create = """
        CREATE FUNCTION model_versions_keep_ready_artifact() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.status = 'ready' AND (
                NEW.status IS DISTINCT FROM OLD.status
                OR NEW.model_id IS DISTINCT FROM OLD.model_id
                OR NEW.version IS DISTINCT FROM OLD.version
                OR NEW.artifact_sha256 IS DISTINCT FROM OLD.artifact_sha256
                OR NEW.artifact_size_bytes IS DISTINCT FROM OLD.artifact_size_bytes
                OR NEW.artifact_file_name IS DISTINCT FROM OLD.artifact_file_name
                OR NEW.artifact_blob_name IS DISTINCT FROM OLD.artifact_blob_name
                OR NEW.artifact_file_count IS DISTINCT FROM OLD.artifact_file_count) THEN
                RAISE EXCEPTION 'the artifact of READY model version % is immutable', OLD.id USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
        END $$;

        CREATE TRIGGER model_versions_keep_ready_artifact BEFORE UPDATE ON model_versions
            FOR EACH ROW EXECUTE FUNCTION model_versions_keep_ready_artifact();

        CREATE FUNCTION model_version_files_keep_ready_artifact() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            -- A file row being deleted with its version (ON DELETE CASCADE) no longer finds the version, and may go.
            IF EXISTS (SELECT 1 FROM model_versions WHERE id IN (OLD.version_id, NEW.version_id) AND status = 'ready') THEN
                RAISE EXCEPTION 'the files of READY model version % are immutable', COALESCE(NEW.version_id, OLD.version_id) USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN COALESCE(NEW, OLD);
        END $$;

        CREATE TRIGGER model_version_files_keep_ready_artifact BEFORE INSERT OR UPDATE OR DELETE ON model_version_files
            FOR EACH ROW EXECUTE FUNCTION model_version_files_keep_ready_artifact();
        """;

    public const string Drop = """
        DROP TRIGGER model_version_files_keep_ready_artifact ON model_version_files;
        DROP FUNCTION model_version_files_keep_ready_artifact();
        DROP TRIGGER model_versions_keep_ready_artifact ON model_versions;
        DROP FUNCTION model_versions_keep_ready_artifact();
        """;
}
