using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// A small shop database in awkward shapes, written by the test: table and column names that need quoting (spaces, a
/// reserved word, a hyphen, non-ASCII), a text primary key, a composite key WITHOUT ROWID, a table without any key,
/// a junction table, CHECK constraints, BLOB columns, a view, and a foreign-key chain client → order → order line → product.
/// </summary>
public static class OddShop
{
    public const string Ddl = """
        CREATE TABLE "Client Accounts" ("Client ID" INTEGER PRIMARY KEY, "First Name" TEXT NOT NULL, "Last Name" TEXT NOT NULL,
          "E-Mail" TEXT NOT NULL UNIQUE, Phone TEXT, Portrait BLOB);
        CREATE TABLE product (sku TEXT PRIMARY KEY, "naïve name" TEXT NOT NULL, stock INTEGER NOT NULL CHECK (stock >= 0), picture BLOB);
        CREATE TABLE "order" (id INTEGER PRIMARY KEY, client INTEGER NOT NULL REFERENCES "Client Accounts"("Client ID"), placed_on DATE NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending', 'shipped', 'cancelled')), note TEXT);
        CREATE TABLE order_line (order_id INTEGER NOT NULL REFERENCES "order"(id), sku TEXT NOT NULL REFERENCES product(sku),
          quantity INTEGER NOT NULL CHECK (quantity > 0), PRIMARY KEY (order_id, sku)) WITHOUT ROWID;
        CREATE TABLE visit_log (client INTEGER REFERENCES "Client Accounts"("Client ID"), visited_on TEXT, page TEXT);
        CREATE TABLE tag (tag_id INTEGER PRIMARY KEY, label TEXT UNIQUE);
        CREATE TABLE product_tag (sku TEXT REFERENCES product(sku), tag_id INTEGER REFERENCES tag(tag_id), PRIMARY KEY (sku, tag_id));
        CREATE VIEW big_orders AS SELECT o.id, SUM(l.quantity) AS units FROM "order" o JOIN order_line l ON l.order_id = o.id GROUP BY o.id HAVING units > 3;
        """;

    private static readonly string[] First = ["Ada", "Bruno", "Chiara", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kemal", "Lena", "Marta", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tove"];
    private static readonly string[] Last = ["Lovelace", "Costa", "Ricci", "Patel", "Demir", "Adeyemi", "Berg", "Tanaka", "Moreno", "Weber"];
    private static readonly string[] Products = ["Kettle", "Toaster", "Lamp", "Blender", "Mixer", "Grinder", "Scale", "Heater", "Fan", "Radio", "Clock", "Mirror", "Rug", "Vase", "Stool"];
    private static readonly string[] Statuses = ["pending", "shipped", "shipped", "cancelled"];

    /// <summary>The schema and its rows as one script.</summary>
    public static string Script()
    {
        var sql = new StringBuilder(Ddl);
        for (var i = 1; i <= 20; i++)
        {
            sql.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO \"Client Accounts\" VALUES ({i}, '{First[i - 1]}', '{Last[i % Last.Length]}', '{First[i - 1].ToLowerInvariant()}{i}@example.com', '555-01{i:00}', X'0102');");
        }
        for (var p = 0; p < Products.Length; p++)
        {
            sql.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO product VALUES ('SKU-{p + 100}', '{Products[p]} Deluxe', {p * 3 % 17}, X'FFD8');");
        }
        for (var t = 1; t <= 5; t++) sql.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO tag VALUES ({t}, 'tag{t} {Products[t]}');");
        for (var p = 0; p < Products.Length; p++) sql.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO product_tag VALUES ('SKU-{p + 100}', {p % 5 + 1});");
        for (var o = 1; o <= 60; o++)
        {
            var client = o % 20 + 1;
            sql.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO \"order\" VALUES ({o}, {client}, '2024-{o % 12 + 1:00}-{o % 27 + 1:00}', '{Statuses[o % 4]}', NULL);");
            sql.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO order_line VALUES ({o}, 'SKU-{o % 15 + 100}', {o % 3 + 1});");
            if (o % 2 == 0) sql.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO order_line VALUES ({o}, 'SKU-{(o + 7) % 15 + 100}', 1);");
        }
        for (var v = 1; v <= 30; v++) sql.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO visit_log VALUES ({v % 20 + 1}, '2024-05-{v % 28 + 1:00}', '/page/{v}');");
        return sql.ToString();
    }

    /// <summary>Writes the database to a SQLite file in <paramref name="folder"/>.</summary>
    public static string WriteDatabase(TempDirectory folder, string name = "odd_shop.sqlite")
    {
        var path = folder.Combine(name);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Script();
            command.ExecuteNonQuery();
        }
        return path;
    }
}
