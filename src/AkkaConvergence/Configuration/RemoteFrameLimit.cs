using Akka.Configuration;

namespace AkkaConvergence.Configuration;

/// <summary>
/// Checks <c>max-message-size</c> against the transport's frame: a message Akka.Remote cannot
/// frame is dropped with an error per message, so a node whose bound is past the frame would lose
/// every large membership message. Refused at start instead, naming both keys.
/// </summary>
internal static class RemoteFrameLimit
{
    public const string FramePath = "akka.remote.dot-netty.tcp.maximum-frame-size";

    /// <summary>Room left in a frame for Akka.Remote's envelope (recipient and sender paths, manifest).</summary>
    public const int EnvelopeRoomBytes = 4 * 1024;

    /// <exception cref="ConfigurationException">The bound leaves no room for the envelope in the transport's frame.</exception>
    public static void Check(int maxMessageSize, Config config)
    {
        if (!config.HasPath(FramePath) || config.GetByteSize(FramePath) is not { } frame)
        {
            return; // Another transport: its own limits apply.
        }

        if (maxMessageSize > frame - EnvelopeRoomBytes)
        {
            throw new ConfigurationException(
                $"{ConvergenceSettings.ConfigPath}.max-message-size ({maxMessageSize} bytes) must be at most {FramePath} ({frame} bytes) less {EnvelopeRoomBytes} for Akka.Remote's envelope; lower the one or raise the other.");
        }
    }
}
