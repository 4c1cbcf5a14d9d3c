using System.Text;
using Engagement.Core.Domain;

namespace Engagement.Connectors;

/// <summary>One physical line of a file: its text, and why its bytes are not UTF-8 when they are not.</summary>
internal sealed record RawLine(string Text, string? Utf8Problem, bool EndsWithNewline);

/// <summary>
/// Splits a stream into lines on its bytes and checks each line's UTF-8 on its own, so a line with invalid bytes is
/// reported with its number instead of being read with replacement characters, and the lines after it are still read.
/// A byte-order mark at the start is skipped; a line ends at LF, and a CR before it is dropped.
/// </summary>
internal sealed class Utf8Lines(Stream stream)
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _first = true;

    public async ValueTask<RawLine?> NextAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TryTake(out var line))
            {
                return line;
            }

            if (_endOfStream)
            {
                return TakeRest();
            }

            Refilled(await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Passes over the next <paramref name="count"/> lines as <see cref="NextAsync"/> would count them, without
    /// decoding them: a job that resumes a long file at its cursor pays for finding the line, not for reading the
    /// lines before it again. Returns how many lines there were to pass (fewer at the end of the file).
    /// </summary>
    public async ValueTask<int> SkipAsync(int count, CancellationToken cancellationToken = default)
    {
        var skipped = 0;
        var inLine = _line.Length > 0;
        while (skipped < count)
        {
            if (_start == _end)
            {
                if (!_endOfStream)
                {
                    Refilled(await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false));
                    continue;
                }

                // A last line without a newline is a line too.
                skipped += inLine ? 1 : 0;
                break;
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline < 0)
            {
                inLine = true;
                _start = _end;
                continue;
            }

            _start = newline + 1;
            inLine = false;
            skipped++;
        }

        _line.SetLength(0);
        _first &= skipped == 0;
        return skipped;
    }

    /// <summary>The synchronous twin of <see cref="NextAsync"/>, for a <see cref="TextReader"/> that a parser pulls from.</summary>
    public RawLine? Next()
    {
        while (true)
        {
            if (TryTake(out var line))
            {
                return line;
            }

            if (_endOfStream)
            {
                return TakeRest();
            }

            Refilled(stream.Read(_buffer, 0, _buffer.Length));
        }
    }

    /// <summary>The buffer now holds <paramref name="read"/> fresh bytes; none means the stream has ended.</summary>
    private void Refilled(int read)
    {
        _start = 0;
        _end = read;
        _endOfStream = read == 0;
    }

    private bool TryTake(out RawLine? line)
    {
        var newline = _end > _start ? Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start) : -1;
        if (newline < 0)
        {
            _line.Write(_buffer, _start, _end - _start);
            _start = _end;
            line = null;
            return false;
        }

        _line.Write(_buffer, _start, newline - _start);
        _start = newline + 1;
        line = Make(endsWithNewline: true);
        return true;
    }

    private RawLine? TakeRest() => _line.Length == 0 ? null : Make(endsWithNewline: false);

    private RawLine Make(bool endsWithNewline)
    {
        var bytes = _line.GetBuffer().AsSpan(0, (int)_line.Length);
        if (_first && bytes.StartsWith(ByteOrderMark))
        {
            bytes = bytes[ByteOrderMark.Length..];
        }

        _first = false;
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        // The text still goes to the parser (with replacement characters) so a CSV keeps its shape; the problem is
        // what makes the record bad.
        var line = new RawLine(Encoding.UTF8.GetString(bytes), InputContract.Utf8Problem(bytes), endsWithNewline);
        _line.SetLength(0);
        return line;
    }
}

/// <summary>
/// The lines of <see cref="Utf8Lines"/> as text for a CSV parser, remembering which physical lines (1-based) held
/// bytes that are not UTF-8, so the records on them are reported bad.
/// </summary>
internal sealed class CheckedTextReader(Stream stream) : TextReader
{
    private readonly Utf8Lines _lines = new(stream);
    private string _current = "";
    private int _position;
    private int _lineNumber;

    public Dictionary<int, string> Problems { get; } = [];

    public override int Peek() => Fill() ? _current[_position] : -1;

    public override int Read() => Fill() ? _current[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.Length == 0 || !Fill())
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, _current.Length - _position);
        _current.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    private bool Fill()
    {
        while (_position >= _current.Length)
        {
            if (_lines.Next() is not { } line)
            {
                return false;
            }

            _lineNumber++;
            if (line.Utf8Problem is { } problem)
            {
                Problems[_lineNumber] = problem;
            }

            _current = line.EndsWithNewline ? line.Text + "\n" : line.Text;
            _position = 0;
        }

        return true;
    }
}
