namespace Supacrypt.KeyVaultEmulator.Load;

/// <summary>
/// Key Vault's documented key-transaction limits for a vault, per 10-second window: 4,000 operations on software
/// RSA-2048 or EC keys, 1,000 on RSA-3072, 500 on RSA-4096, half of each for HSM keys, and 20 key creations
/// (10 for HSM keys). Key Vault weights operations and enforces the sum, so one budget of 4,000 units serves all
/// key operations, each costing 4,000 ÷ its key type's limit; creation (and import) has its own budget of 20.
/// Throttled requests do not count, as in Key Vault.
/// </summary>
public sealed class VaultQuota(TimeProvider time)
{
    public const int OperationBudget = 4_000;
    public const int CreationBudget = 20;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Budget _operations = new(OperationBudget);
    private readonly Budget _creations = new(CreationBudget);

    /// <summary>Charges one request; null when admitted, otherwise how long until the window that admits it.</summary>
    public TimeSpan? TryCharge(QuotaCharge charge)
    {
        var budget = charge.IsCreation ? _creations : _operations;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (now >= budget.WindowStart + Window)
            {
                budget.WindowStart = now;
                budget.Used = 0;
            }

            if (budget.Used + charge.Units <= budget.Limit)
            {
                budget.Used += charge.Units;
                return null;
            }

            return budget.WindowStart + Window - now;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _operations.Used = 0;
            _creations.Used = 0;
        }
    }

    private sealed class Budget(int limit)
    {
        public int Limit { get; } = limit;

        public DateTimeOffset WindowStart { get; set; } = DateTimeOffset.MinValue;

        public int Used { get; set; }
    }
}
