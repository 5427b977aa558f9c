namespace Experimentation.Dashboard.Security;

/// <summary>What a sign-in with a key did.</summary>
public enum SignInOutcome
{
    /// <summary>The cookie is written.</summary>
    SignedIn,

    /// <summary>The key is unknown, revoked or expired.</summary>
    Unknown,

    /// <summary>The key is valid but its role (the SDK's) reads nothing the dashboard shows.</summary>
    NotForTheDashboard,
}
