using System.Security.Cryptography;
using System.Text;

namespace Mlops.Blobs.Azure;

/// <summary>A storage account's name and key, for Shared Key authorization. Never prints the key.</summary>
public sealed class SharedKeyCredential
{
    /// <summary>The key of Azurite's and the storage emulator's well-known account, published by Microsoft.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly byte[] _key;

    public SharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"The key of storage account '{accountName}' is not base64.", nameof(accountKey), e);
        }
    }

    public static SharedKeyCredential Development { get; } = new(DevelopmentAccountName, DevelopmentAccountKey);

    public string AccountName { get; }

    /// <summary>Base64 of HMAC-SHA256 over the UTF-8 string-to-sign, keyed with the decoded account key.</summary>
    public string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    public override string ToString() => $"SharedKey({AccountName})";
}
