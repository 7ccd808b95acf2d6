using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace AkkaConvergence.Wire;

/// <summary>
/// The bytes of a wire record: its fields in declaration order, numbers little-endian at fixed
/// width (so a message's size does not depend on its values), strings and arrays as a length
/// (7 bits per byte, as <see cref="BinaryWriter.Write7BitEncodedInt"/>) and their elements, a
/// nested record as a presence byte and its fields. No type names travel: the manifest names the root record, and the field
/// types name the rest, so nothing outside the codec table can ever be instantiated.
/// <para>
/// It replaces Hyperion, which read lengths from untrusted bytes and allocated them before
/// reading a byte more: fuzzing found 4 KB frames that made it allocate 1.6 GB and stall a node
/// for 6-7 s (docs/reliability.md). Here every length is checked against the bytes that remain
/// before anything is allocated, so a frame can never cost more memory than its own size (times
/// the element width), and bytes left over after the root record are an error too.
/// </para>
/// </summary>
internal static class WireRecordFormat
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly ConcurrentDictionary<Type, WireField[]> FieldsByType = new();

    /// <summary>The bytes the 7-bit-encoded length <paramref name="length"/> takes (the prefix of every string, array and byte field).</summary>
    public static int LengthPrefixBytes(int length) => length < 1 << 7 ? 1 : length < 1 << 14 ? 2 : length < 1 << 21 ? 3 : length < 1 << 28 ? 4 : 5;

    public static void Write(object record, Stream stream)
    {
        using var writer = new BinaryWriter(stream, StrictUtf8, leaveOpen: true);
        WriteRecord(writer, record);
    }

    /// <summary>Reads one <paramref name="type"/> record that spans all of <paramref name="bytes"/>; anything else is a <see cref="WireFormatException"/>.</summary>
    public static object Read(Type type, ReadOnlySpan<byte> bytes)
    {
        var reader = new SpanReader(bytes);
        var record = ReadRecord(ref reader, type);
        return reader.Remaining == 0
            ? record
            : throw new WireFormatException($"{reader.Remaining} bytes left after the {type.Name} record.");
    }

    /// <summary>The fields of a wire record type, validated once: only the kinds this format knows.</summary>
    public static WireField[] FieldsOf(Type type) => FieldsByType.GetOrAdd(type, static t =>
        [.. t.GetFields(BindingFlags.Public | BindingFlags.Instance).OrderBy(f => f.MetadataToken).Select(f => new WireField(f, KindOf(f.FieldType, t)))]);

    private static WireFieldKind KindOf(Type fieldType, Type owner) => fieldType switch
    {
        _ when fieldType == typeof(string) => WireFieldKind.String,
        _ when fieldType == typeof(int) => WireFieldKind.Int,
        _ when fieldType == typeof(long) => WireFieldKind.Long,
        _ when fieldType == typeof(byte) => WireFieldKind.Byte,
        _ when fieldType == typeof(bool) => WireFieldKind.Bool,
        _ when fieldType == typeof(string[]) => WireFieldKind.Strings,
        _ when fieldType == typeof(int[]) => WireFieldKind.Ints,
        _ when fieldType == typeof(long[]) => WireFieldKind.Longs,
        _ when fieldType == typeof(ulong[]) => WireFieldKind.ULongs,
        _ when fieldType == typeof(byte[]) => WireFieldKind.Bytes,
        { IsClass: true, IsSealed: true } when fieldType.Namespace == typeof(WireRecordFormat).Namespace && fieldType != owner && fieldType.GetConstructor(Type.EmptyTypes) is not null => WireFieldKind.Record,
        _ => throw new InvalidOperationException($"{owner.Name} has a field of type {fieldType.Name}, which the wire format cannot carry."),
    };

    private static void WriteRecord(BinaryWriter writer, object record)
    {
        foreach (var field in FieldsOf(record.GetType()))
        {
            var value = field.Info.GetValue(record);
            switch (field.Kind)
            {
                case WireFieldKind.String:
                    WriteString(writer, (string?)value);
                    break;
                case WireFieldKind.Int:
                    writer.Write((int)value!);
                    break;
                case WireFieldKind.Long:
                    writer.Write((long)value!);
                    break;
                case WireFieldKind.Byte:
                    writer.Write((byte)value!);
                    break;
                case WireFieldKind.Bool:
                    writer.Write((bool)value!);
                    break;
                case WireFieldKind.Strings:
                    var strings = (string[]?)value ?? [];
                    writer.Write7BitEncodedInt(strings.Length);
                    foreach (var text in strings)
                    {
                        WriteString(writer, text);
                    }

                    break;
                case WireFieldKind.Ints:
                    var ints = (int[]?)value ?? [];
                    writer.Write7BitEncodedInt(ints.Length);
                    foreach (var number in ints)
                    {
                        writer.Write(number);
                    }

                    break;
                case WireFieldKind.Longs:
                    var longs = (long[]?)value ?? [];
                    writer.Write7BitEncodedInt(longs.Length);
                    foreach (var number in longs)
                    {
                        writer.Write(number);
                    }

                    break;
                case WireFieldKind.ULongs:
                    var ulongs = (ulong[]?)value ?? [];
                    writer.Write7BitEncodedInt(ulongs.Length);
                    foreach (var number in ulongs)
                    {
                        writer.Write(number);
                    }

                    break;
                case WireFieldKind.Bytes:
                    var bytes = (byte[]?)value ?? [];
                    writer.Write7BitEncodedInt(bytes.Length);
                    writer.Write(bytes);
                    break;
                default:
                    writer.Write(value is not null);
                    if (value is not null)
                    {
                        WriteRecord(writer, value);
                    }

                    break;
            }
        }
    }

    private static void WriteString(BinaryWriter writer, string? text)
    {
        var bytes = StrictUtf8.GetBytes(text ?? string.Empty);
        writer.Write7BitEncodedInt(bytes.Length);
        writer.Write(bytes);
    }

    private static object ReadRecord(ref SpanReader reader, Type type)
    {
        var record = Activator.CreateInstance(type)!;
        foreach (var field in FieldsOf(type))
        {
            object? value = field.Kind switch
            {
                WireFieldKind.String => ReadString(ref reader),
                WireFieldKind.Int => BinaryPrimitives.ReadInt32LittleEndian(reader.Take(sizeof(int))),
                WireFieldKind.Long => BinaryPrimitives.ReadInt64LittleEndian(reader.Take(sizeof(long))),
                WireFieldKind.Byte => reader.Take(1)[0],
                WireFieldKind.Bool => reader.Take(1)[0] switch
                {
                    0 => false,
                    1 => true,
                    var other => throw new WireFormatException($"{type.Name}.{field.Info.Name} is a flag, but the byte is {other}."),
                },
                WireFieldKind.Strings => ReadStrings(ref reader),
                WireFieldKind.Ints => ReadNumbers(ref reader, sizeof(int), static bytes => BinaryPrimitives.ReadInt32LittleEndian(bytes)),
                WireFieldKind.Longs => ReadNumbers(ref reader, sizeof(long), static bytes => BinaryPrimitives.ReadInt64LittleEndian(bytes)),
                WireFieldKind.ULongs => ReadNumbers(ref reader, sizeof(ulong), static bytes => BinaryPrimitives.ReadUInt64LittleEndian(bytes)),
                WireFieldKind.Bytes => reader.Take(reader.Length(1)).ToArray(),
                _ => reader.Take(1)[0] switch
                {
                    0 => null,
                    1 => ReadRecord(ref reader, field.Info.FieldType),
                    var other => throw new WireFormatException($"{type.Name}.{field.Info.Name} is a record, but its presence byte is {other}."),
                },
            };
            field.Info.SetValue(record, value);
        }

        return record;
    }

    private static string ReadString(ref SpanReader reader)
    {
        var bytes = reader.Take(reader.Length(1));
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new WireFormatException("A string is not valid UTF-8.", e);
        }
    }

    private static string[] ReadStrings(ref SpanReader reader)
    {
        var strings = new string[reader.Length(1)]; // Every string takes at least the byte of its length.
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = ReadString(ref reader);
        }

        return strings;
    }

    private delegate T NumberReader<out T>(ReadOnlySpan<byte> bytes);

    private static T[] ReadNumbers<T>(ref SpanReader reader, int width, NumberReader<T> read)
    {
        var numbers = new T[reader.Length(width)];
        var bytes = reader.Take(numbers.Length * width);
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = read(bytes.Slice(i * width, width));
        }

        return numbers;
    }

    /// <summary>Reads forward through the bytes, never past them.</summary>
    private ref struct SpanReader
    {
        private readonly ReadOnlySpan<byte> _bytes;
        private int _position;

        public SpanReader(ReadOnlySpan<byte> bytes)
        {
            _bytes = bytes;
            _position = 0;
        }

        public readonly int Remaining => _bytes.Length - _position;

        public ReadOnlySpan<byte> Take(int count)
        {
            if (count > Remaining)
            {
                throw new WireFormatException($"Truncated: {count} bytes needed at offset {_position}, {Remaining} left.");
            }

            var taken = _bytes.Slice(_position, count);
            _position += count;
            return taken;
        }

        /// <summary>A count of elements at least <paramref name="minimumWidth"/> bytes each, which the remaining bytes must be able to hold.</summary>
        public int Length(int minimumWidth)
        {
            var start = _position;
            long length = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (shift > 28)
                {
                    throw new WireFormatException($"A length at offset {start} runs over five bytes.");
                }

                var next = Take(1)[0];
                length |= (long)(next & 0x7F) << shift;
                if ((next & 0x80) == 0)
                {
                    break;
                }
            }

            return length <= Remaining / minimumWidth
                ? (int)length
                : throw new WireFormatException($"A length of {length} at offset {start} exceeds the {Remaining} bytes left.");
        }
    }
}
