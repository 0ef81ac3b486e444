namespace Mlsd.Data.Worlds;

public sealed partial class TransactionWorld
{
    /// <summary>
    /// Writes cardholders.csv, merchants.csv, devices.csv, transactions.csv and chargebacks.csv into
    /// <paramref name="directory"/> (created if missing), with <see cref="WorldCsv"/>'s format — the same seed gives the
    /// same bytes. The ground truth (who made each transaction, unreported fraud) is not written.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        return
        [
            WorldCsv.Write(directory, "cardholders.csv", ["cardholder_id", "country", "age_bucket", "account_age_days"], _cardholders,
                (w, c) => w.Field(c.CardholderId).Field(c.Country).Field(c.AgeBucket).Field(c.AccountAgeDays)),
            WorldCsv.Write(directory, "merchants.csv", ["merchant_id", "category", "country", "is_online"], _merchants,
                (w, m) => w.Field(m.MerchantId).Field(m.Category).Field(m.Country).Field(m.IsOnline)),
            WorldCsv.Write(directory, "devices.csv", ["device_id", "device_type", "first_seen_timestamp"], _devices,
                (w, d) => w.Field(d.DeviceId).Field(d.DeviceType).Field(d.FirstSeenTimestamp)),
            WorldCsv.Write(directory, "transactions.csv",
                ["transaction_id", "day", "timestamp", "cardholder_id", "merchant_id", "device_id", "amount", "declined"], _transactions,
                (w, t) => w.Field(t.TransactionId).Field(t.Day).Field(t.Timestamp).Field(t.CardholderId).Field(t.MerchantId)
                    .Field(t.DeviceId).Field(t.Amount).Field(t.Declined)),
            WorldCsv.Write(directory, "chargebacks.csv", ["transaction_id", "reported_timestamp"], _chargebacks,
                (w, c) => w.Field(c.TransactionId).Field(c.ReportedTimestamp)),
        ];
    }
}
