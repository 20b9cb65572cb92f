using System.Text;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>
/// Incremental framer for syslog over TCP (RFC 6587). Each frame's first byte decides its
/// framing: a digit starts octet counting ("123 &lt;34&gt;1 …"), anything else is
/// non-transparent framing ended by LF. One instance per connection.
/// </summary>
/// <remarks>
/// Memory is bounded by the maximum frame length: an oversized frame is reported as an error
/// and the stream resynchronises at the next LF, because a bad octet count cannot be trusted
/// to say where the next frame starts.
/// </remarks>
public sealed class SyslogFraming
{
    private enum State { FrameStart, Count, Counted, Lf, Discard }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly int _maxFrameLength;
    private readonly int _maxCountDigits;
    private readonly byte[] _buffer;
    private int _length;
    private int _expected;
    private State _state = State.FrameStart;

    public SyslogFraming(int maxFrameLength = LineLimits.MaxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameLength, 1);
        _maxFrameLength = maxFrameLength;
        _maxCountDigits = maxFrameLength.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        _buffer = new byte[maxFrameLength];
    }

    /// <summary>True when bytes of an unfinished frame are held, e.g. when the peer closes mid-frame.</summary>
    public bool HasPartialFrame => _state != State.FrameStart;

    public IReadOnlyList<FramedMessage> Feed(ReadOnlySpan<byte> chunk)
    {
        var frames = new List<FramedMessage>();
        foreach (var b in chunk)
        {
            if (Step(b) is { } frame)
                frames.Add(frame);
        }
        return frames;
    }

    private FramedMessage? Step(byte b)
    {
        switch (_state)
        {
            case State.FrameStart:
                // Blank lines and the CR of a CRLF between frames carry nothing.
                if (b is (byte)'\n' or (byte)'\r')
                    return null;
                if (b is >= (byte)'1' and <= (byte)'9')
                {
                    _expected = b - '0';
                    _length = 1;
                    _state = State.Count;
                    return null;
                }
                _length = 0;
                _state = State.Lf;
                return Append(b);

            case State.Count:
                if (b == (byte)' ')
                {
                    if (_expected > _maxFrameLength)
                        return Fail("frame too long");
                    _length = 0;
                    _state = State.Counted;
                    return null;
                }
                if (b is < (byte)'0' or > (byte)'9')
                    return b == (byte)'\n' ? Fail("malformed octet count", resync: false) : Fail("malformed octet count");
                if (++_length > _maxCountDigits)
                    return Fail("frame too long");
                _expected = _expected * 10 + (b - '0');
                return null;

            case State.Counted:
                _buffer[_length++] = b;
                return _length == _expected ? Emit() : null;

            case State.Lf:
                if (b == (byte)'\n')
                    return Emit();
                return Append(b);

            default: // Discard
                if (b == (byte)'\n')
                    _state = State.FrameStart;
                return null;
        }
    }

    private FramedMessage? Append(byte b)
    {
        if (_length == _maxFrameLength)
            return Fail("frame too long");
        _buffer[_length++] = b;
        return null;
    }

    private FramedMessage Fail(string error, bool resync = true)
    {
        _length = 0;
        _state = resync ? State.Discard : State.FrameStart;
        return new FramedMessage(null, error);
    }

    private FramedMessage Emit()
    {
        var bytes = _buffer.AsSpan(0, _length);
        if (_state == State.Lf && bytes.Length > 0 && bytes[^1] == (byte)'\r')
            bytes = bytes[..^1];
        _length = 0;
        _state = State.FrameStart;
        try
        {
            return new FramedMessage(StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return new FramedMessage(null, "frame is not valid UTF-8");
        }
    }
}
