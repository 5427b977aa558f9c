namespace Experimentation.Grains.Audit;

/// <summary>
/// Stream ids of the audit trail of things kept as documents (metrics, namespaces, the holdout, webhooks, teams,
/// users, keys). Experiments use their bare key; keys cannot contain ':', so these never collide with one.
/// </summary>
public static class AuditStreams
{
    public static string Metric(string key) => "metric:" + key;
    public static string Namespace(string key) => "namespace:" + key;
    public const string Holdout = "config:holdout";
    public static string Webhook(Guid id) => "webhook:" + id.ToString("N");
    public static string Team(string key) => "team:" + key;
    public static string User(string id) => "user:" + id;
    public static string ApiKey(string id) => "key:" + id;
}
