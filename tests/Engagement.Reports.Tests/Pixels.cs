using SkiaSharp;

namespace Engagement.Reports.Tests;

/// <summary>Reads a screenshot with SkiaSharp (ScottPlot's own renderer) and counts pixels of a colour.</summary>
internal static class Pixels
{
    public static (int Width, int Height) Size(string png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException(png + " is not an image");
        return (bitmap.Width, bitmap.Height);
    }

    /// <summary>Pixels within <paramref name="tolerance"/> (sum of channel differences) of the colour.</summary>
    public static int Near(string png, string hex, int tolerance = 60)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException(png + " is not an image");
        var target = SKColor.Parse(hex);
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - target.Red) + Math.Abs(c.Green - target.Green) + Math.Abs(c.Blue - target.Blue) < tolerance)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Pixels that are not near white.</summary>
    public static int Ink(string png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException(png + " is not an image");
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 235 || c.Green < 235 || c.Blue < 235)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
