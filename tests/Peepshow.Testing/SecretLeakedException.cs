namespace Peepshow.Testing;

/// <summary>A spec's failure: a secret reached output (<see cref="SecretLeaks"/>). Any test framework reports it as a failed spec.</summary>
public sealed class SecretLeakedException(string message) : Exception(message);
