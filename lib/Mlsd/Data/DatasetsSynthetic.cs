using Mlsd.Data.Synthetic;

namespace Mlsd.Data;

public static partial class Datasets
{
    /// <summary>The 200-row toy listings table (synthetic, seed 2024) for 00's feature-engineering toolbox.</summary>
    public static class ToyListings
    {
        /// <summary>All rows; a missing review score is NaN.</summary>
        public static ToyListing[] Load()
        {
            var t = Csv.Read(Synthetic.ToyListings.Dataset.File("listings.csv"));
            int[] id = t.Ints("id"), bedrooms = t.Ints("bedrooms");
            string[] city = t.Strings("city");
            double[] price = t.Doubles("price"), score = t.Doubles("review_score");
            DateTime[] listed = t.DateTimes("listed_at");
            bool[] booked = t.Bools("booked");
            var rows = new ToyListing[t.RowCount];
            for (int i = 0; i < rows.Length; i++) rows[i] = new ToyListing(id[i], city[i], price[i], bedrooms[i], score[i], listed[i], booked[i]);
            return rows;
        }
    }
}
