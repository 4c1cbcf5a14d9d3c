using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Engagement.Bench;

/// <summary>
/// Waits for a due time to within tens of microseconds without holding a core: the load generator shares the two
/// cores with the server it measures, so every microsecond it spins is taken from the server.
/// </summary>
/// <remarks>
/// <c>Thread.Sleep</c> takes whole milliseconds, about 1.1 ms on Linux, so a sender that must hit 2 ms intervals
/// used to spin the last 2 ms before each request: half a core at 500 requests a second. <c>nanosleep</c> sleeps to
/// the microsecond (plus the kernel's timer slack, 50 µs by default); the last stretch yields rather than spins, so
/// the server's threads run in it.
/// </remarks>
internal static partial class Pacer
{
    private static readonly long SpinFrom = Stopwatch.Frequency / 10_000; // 100 µs

    public static void WaitUntil(long due)
    {
        while (Stopwatch.GetTimestamp() is var now && now < due)
        {
            var left = due - now;
            if (left > SpinFrom && OperatingSystem.IsLinux())
            {
                var nanoseconds = (left - SpinFrom) * 1_000_000_000 / Stopwatch.Frequency;
                var time = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
                _ = NanoSleep(in time, IntPtr.Zero);
            }
            else if (left > SpinFrom)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);
}
