namespace IrisPgWire.Types.Temporal;

/// <summary>What a date/time input string said: the fields PostgreSQL's DecodeDateTime fills in.</summary>
internal struct DateTimeFields
{
    public int Year;
    public int Month;
    public int Day;
    public bool HasDate;
    public bool HasTime;
    public int Hour;
    public int Minute;
    public int Second;
    public long Micros;

    /// <summary>Zone offset in seconds east of UTC, when the input named one.</summary>
    public int? ZoneOffset;

    /// <summary>A named zone whose offset depends on the date (resolved by the caller).</summary>
    public TimeZoneInfo? Zone;

    public SpecialValue Special;

    /// <summary>Time of day in microseconds (may be 24:00:00).</summary>
    public readonly long TimeMicros => (((Hour * 60L) + Minute) * 60 + Second) * 1_000_000L + Micros;
}

internal enum SpecialValue
{
    None,
    Infinity,
    NegativeInfinity,
    Epoch,
    Now,
    Today,
    Tomorrow,
    Yesterday,
}
