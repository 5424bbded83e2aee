using System.Text.Json;

namespace Vigil.Server.Api;

/// <summary>A request body's string that cannot travel (<see cref="Domain.Security.UnsafeText"/>); the serializer adds the field's path.</summary>
internal sealed class UnsafeTextException : JsonException
{
    public UnsafeTextException()
    {
    }

    public UnsafeTextException(string message)
        : base(message)
    {
    }

    public UnsafeTextException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What is wrong with the text, without the path the serializer appends.</summary>
    public string Problem => base.Message.Split(" Path:", 2)[0];
}
