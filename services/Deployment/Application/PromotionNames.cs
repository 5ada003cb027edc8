using System.Text;

namespace Mlops.Deployment.Application;

/// <summary>The names states, steps and history kinds take in events, as the proto spells them without prefix.</summary>
public static class PromotionNames
{
    public static string State(PromotionState state) => Upper(state.ToString());

    public static string Step(PromotionStep step) => Upper(step.ToString());

    public static string Kind(PromotionHistoryKind kind) => Upper(kind.ToString());

    /// <summary>PascalCase to UPPER_SNAKE: RolledBack → ROLLED_BACK.</summary>
    private static string Upper(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
