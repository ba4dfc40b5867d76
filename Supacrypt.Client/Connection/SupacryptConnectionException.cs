namespace Supacrypt.Client;

/// <summary>The connection cannot be set up as configured: a missing or unreadable PEM file, or a contradictory choice.</summary>
public sealed class SupacryptConnectionException(string message, Exception? innerException = null)
    : Exception(message, innerException);
