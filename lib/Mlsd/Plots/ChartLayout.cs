using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Mlsd.Plots;

/// <summary>
/// Edits a Plotly.NET chart's layout from C#. Plotly.NET's own layout functions take F# options, which C# cannot
/// leave out; its objects are dynamic property bags, so setting the plotly.js attribute names directly is shorter
/// and says exactly what reaches the browser.
/// </summary>
internal static class ChartLayout
{
    /// <summary>A copy of <paramref name="chart"/> whose layout (a deep copy) <paramref name="edit"/> changed; the
    /// original chart is left alone, so a base chart can be reused for several variants.</summary>
    public static GenericChart Edit(GenericChart chart, Action<Layout> edit)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GenericChart.mapLayout(FuncConvert.FromFunc<Layout, Layout>(layout =>
        {
            var copy = new Layout();
            layout.DeepCopyPropertiesTo(copy, null, null);
            edit(copy);
            return copy;
        }), chart);
    }

    /// <summary>A property bag with the given plotly.js attributes (null values are left out).</summary>
    public static DynamicObj.DynamicObj Obj(params (string Key, object? Value)[] properties)
    {
        var obj = new DynamicObj.DynamicObj();
        foreach (var (key, value) in properties)
            if (value is not null) obj.SetProperty(key, value);
        return obj;
    }

    /// <summary>The property <paramref name="key"/> of <paramref name="parent"/> as a bag, created when missing.</summary>
    public static DynamicObj.DynamicObj Child(DynamicObj.DynamicObj parent, string key)
    {
        if (Get(parent, key) is DynamicObj.DynamicObj existing) return existing;
        var created = new DynamicObj.DynamicObj();
        parent.SetProperty(key, created);
        return created;
    }

    /// <summary>The value of property <paramref name="key"/>, or null.</summary>
    public static object? Get(DynamicObj.DynamicObj obj, string key)
    {
        var value = obj.TryGetPropertyValue(key);
        return FSharpOption<object>.get_IsSome(value) ? value.Value : null;
    }

    /// <summary>The names of the layout's axes of one direction ("xaxis", "xaxis2", …), at least the first.</summary>
    public static IEnumerable<string> AxisKeys(Layout layout, char direction)
    {
        string prefix = direction + "axis";
        var keys = layout.GetPropertyNames(true).Where(k => k == prefix || (k.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(k.AsSpan(prefix.Length), out _))).ToList();
        if (!keys.Contains(prefix)) keys.Insert(0, prefix);
        return keys;
    }

    /// <summary>Appends to a list-valued layout property (shapes, annotations).</summary>
    public static void Append(Layout layout, string key, DynamicObj.DynamicObj item)
    {
        var list = Get(layout, key) is IEnumerable<object> existing ? existing.ToList() : [];
        list.Add(item);
        layout.SetProperty(key, list);
    }
}
