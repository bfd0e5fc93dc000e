using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace PostRoute.Engine.Network;

/// <summary>
/// An ordered list of distinct ids held in one text blob with an id → position index, instead of one string object
/// per id plus a dictionary: about (UTF-8 length + 10) bytes per id rather than ~100. Ids are stored as UTF-8 when
/// every id is well-formed UTF-16 (always, in practice), otherwise as UTF-16, so any string round-trips exactly.
/// The index is open addressing with linear probing over a <c>uint[]</c> of about 1.5 slots per id; a slot holds
/// position + 1 in its low bits and spare hash bits (a fingerprint) in its high bits, so most probes of other ids are
/// rejected without touching the blob. Ordinal, case-sensitive comparison. Immutable and thread-safe once built.
/// </summary>
internal sealed class CompactIdList
{
    private readonly byte[] _utf8;
    private readonly char[]? _utf16;
    private readonly int[] _offsets;
    private readonly uint[] _slots;
    private readonly int _indexBits;
    private readonly bool _collidingHash;

    private CompactIdList(byte[] utf8, char[]? utf16, int[] offsets, uint[] slots, int indexBits, bool collidingHash)
    {
        _collidingHash = collidingHash;
        _utf8 = utf8;
        _utf16 = utf16;
        _offsets = offsets;
        _slots = slots;
        _indexBits = indexBits;
    }

    /// <summary>Number of ids.</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>Approximate managed size of the arrays, in bytes.</summary>
    public long SizeInBytes => _utf8.LongLength + 2L * (_utf16?.LongLength ?? 0) + 4L * _offsets.Length + 4L * _slots.Length;

    /// <summary>The id at <paramref name="index"/>, as a new string on every call.</summary>
    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            int start = _offsets[index], length = _offsets[index + 1] - start;
            return _utf16 is null
                ? Encoding.UTF8.GetString(_utf8, start, length)
                : new string(_utf16, start, length);
        }
    }

    /// <summary>Position of <paramref name="id"/>, or −1 when it is not in the list.</summary>
    public int IndexOf(ReadOnlySpan<char> id)
    {
        int hash = Hash(id, _collidingHash);
        if (_utf16 is not null)
        {
            return Probe(hash, id, _utf16);
        }

        int max = Encoding.UTF8.GetMaxByteCount(id.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            // An id that is not well-formed UTF-16 cannot be stored here: in UTF-8 mode every stored id is.
            return Utf8.FromUtf16(id, buffer, out _, out int written, replaceInvalidSequences: false) == OperationStatus.Done
                ? Probe(hash, buffer[..written], _utf8)
                : -1;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private int Probe<T>(int hash, ReadOnlySpan<T> key, T[] blob)
        where T : IEquatable<T>
    {
        uint fingerprint = Fingerprint(hash);
        uint indexMask = (1u << _indexBits) - 1;
        for (int slot = Home(hash, _slots.Length); ; slot = slot + 1 == _slots.Length ? 0 : slot + 1)
        {
            uint entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (entry >> _indexBits == fingerprint)
            {
                int index = (int)(entry & indexMask) - 1;
                int start = _offsets[index];
                if (key.SequenceEqual(blob.AsSpan(start, _offsets[index + 1] - start)))
                {
                    return index;
                }
            }
        }
    }

    // Ordinal and randomised per process (Marvin), so crafted ids cannot force collisions. Tests can ask for a hash
    // that collides on purpose (it depends on the length only) to exercise the probing.
    private static int Hash(ReadOnlySpan<char> id, bool colliding) =>
        colliding ? unchecked((id.Length % 4) * 0x3000_0001) : string.GetHashCode(id);

    // Multiply-shift maps the hash onto [0, capacity) without a power-of-two table; the fingerprint comes from the
    // low bits, which that mapping hardly uses.
    private static int Home(int hash, int capacity) => (int)((ulong)(uint)hash * (ulong)(uint)capacity >> 32);

    // Index bits are 1…31 for a non-empty list, so at least one hash bit is left for the fingerprint.
    private uint Fingerprint(int hash) => (uint)hash & (uint.MaxValue >> _indexBits);

    /// <summary>Collects ids in order and builds a <see cref="CompactIdList"/>. Not thread-safe.</summary>
    internal sealed class Builder
    {
        private byte[] _utf8;
        private char[]? _utf16;
        private int _length;
        private int[] _offsets;
        private int[] _hashes;
        private int _count;
        private readonly bool _collidingHash;

        /// <summary>Creates a builder expecting about <paramref name="capacity"/> ids (it grows as needed).</summary>
        /// <param name="capacity">Expected number of ids.</param>
        /// <param name="collidingHashForTests">Use a hash on which most ids collide (slow; tests of the probing only).</param>
        public Builder(int capacity = 16, bool collidingHashForTests = false)
        {
            _collidingHash = collidingHashForTests;
            capacity = Math.Max(capacity, 4);
            _utf8 = new byte[capacity * 8];
            _offsets = new int[capacity + 1];
            _hashes = new int[capacity];
        }

        /// <summary>Number of ids added so far.</summary>
        public int Count => _count;

        /// <summary>Appends <paramref name="id"/>; duplicates are reported by <see cref="Build"/>.</summary>
        public void Add(ReadOnlySpan<char> id)
        {
            if (_count == _hashes.Length)
            {
                Array.Resize(ref _hashes, _hashes.Length * 2);
                Array.Resize(ref _offsets, _hashes.Length + 1);
            }

            _hashes[_count] = Hash(id, _collidingHash);
            if (_utf16 is null && !TryAppendUtf8(id))
            {
                SwitchToUtf16();
            }

            if (_utf16 is not null)
            {
                if (_length + id.Length > _utf16.Length)
                {
                    Array.Resize(ref _utf16, Grown(_utf16.Length, _length + id.Length));
                }

                id.CopyTo(_utf16.AsSpan(_length));
                _length += id.Length;
            }

            _offsets[++_count] = _length;
        }

        /// <summary>Builds the list with its index. The builder is empty afterwards.</summary>
        /// <param name="what">What the ids name, for the error message, e.g. <c>node</c>.</param>
        /// <exception cref="ArgumentException">An id occurs twice (the message names it and both positions).</exception>
        public CompactIdList Build(string what)
        {
            int indexBits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)_count); // holds 1 … _count
            int capacity = checked(_count + _count / 2 + 1);
            var slots = new uint[capacity];
            var offsets = _offsets.AsSpan(0, _count + 1).ToArray();
            byte[] utf8 = _utf16 is null ? _utf8.AsSpan(0, _length).ToArray() : [];
            char[]? utf16 = _utf16?.AsSpan(0, _length).ToArray();
            var list = new CompactIdList(utf8, utf16, offsets, slots, indexBits, _collidingHash);
            for (int i = 0; i < _count; i++)
            {
                int hash = _hashes[i];
                uint fingerprint = list.Fingerprint(hash);
                int slot = Home(hash, capacity);
                while (slots[slot] != 0)
                {
                    uint entry = slots[slot];
                    if (entry >> indexBits == fingerprint)
                    {
                        int other = (int)(entry & ((1u << indexBits) - 1)) - 1;
                        if (list.SameId(other, i))
                        {
                            throw new ArgumentException($"Duplicate {what} id '{list[i]}' at positions {other} and {i}.");
                        }
                    }

                    slot = slot + 1 == capacity ? 0 : slot + 1;
                }

                slots[slot] = (fingerprint << indexBits) | (uint)(i + 1);
            }

            _utf8 = [];
            _utf16 = null;
            _offsets = [0];
            _hashes = [];
            _count = 0;
            return list;
        }

        private bool TryAppendUtf8(ReadOnlySpan<char> id)
        {
            int max = Encoding.UTF8.GetMaxByteCount(id.Length);
            if (_length + max > _utf8.Length)
            {
                Array.Resize(ref _utf8, Grown(_utf8.Length, _length + max));
            }

            if (Utf8.FromUtf16(id, _utf8.AsSpan(_length), out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                return false;
            }

            _length += written;
            return true;
        }

        // A lone surrogate has no UTF-8 form: re-store everything added so far as UTF-16.
        private void SwitchToUtf16()
        {
            var chars = new char[Math.Max(16, Encoding.UTF8.GetCharCount(_utf8, 0, _length) * 2)];
            int length = 0, byteStart = 0;
            for (int i = 0; i < _count; i++)
            {
                int byteEnd = _offsets[i + 1];
                length += Encoding.UTF8.GetChars(_utf8, byteStart, byteEnd - byteStart, chars, length);
                _offsets[i + 1] = length;
                byteStart = byteEnd;
            }

            _utf16 = chars;
            _length = length;
            _utf8 = [];
        }

        private static int Grown(int current, int needed) => (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * current));
    }

    private bool SameId(int a, int b)
    {
        int startA = _offsets[a], lengthA = _offsets[a + 1] - startA;
        int startB = _offsets[b], lengthB = _offsets[b + 1] - startB;
        return _utf16 is null
            ? _utf8.AsSpan(startA, lengthA).SequenceEqual(_utf8.AsSpan(startB, lengthB))
            : _utf16.AsSpan(startA, lengthA).SequenceEqual(_utf16.AsSpan(startB, lengthB));
    }
}
