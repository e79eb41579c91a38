using Parley.Environments;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// A tiny in-memory domain declaration (shelves and items) for tests of tools, the sandbox and validation; any file
/// can be replaced or removed.
/// </summary>
public static class TinyDomain
{
    public const string DomainYaml = """
        description: A tiny stock room used by tests.
        today: "2025-01-10"
        """;

    public const string Schema = """
        CREATE TABLE shelves (
          shelf_id INTEGER PRIMARY KEY,
          label TEXT NOT NULL
        );
        CREATE TABLE items (
          item_id INTEGER PRIMARY KEY,
          shelf_id INTEGER NOT NULL REFERENCES shelves(shelf_id),
          name TEXT NOT NULL,
          qty INTEGER NOT NULL CHECK (qty >= 0),
          added_on TEXT
        );
        """;

    public const string Seed = """
        tables:
          - table: shelves
            rows: 2
            columns:
              shelf_id: {seq: 1}
              label: {pick: [top, bottom], unique: true}
          - table: items
            rows: 3
            columns:
              item_id: {seq: 1}
              shelf_id: {ref: shelves.shelf_id}
              name: {format: "item {item_id}"}
              qty: {int: [1, 2]}
        """;

    /// <summary>Read tools, plain write tools, and tools that try to escape the sandbox.</summary>
    public const string Tools = """
        tools:
          - name: get_item
            description: One item.
            parameters:
              type: object
              properties:
                item_id: {type: integer}
              required: [item_id]
            returns: one
            sql:
              - SELECT item_id, shelf_id, name, qty, added_on FROM items WHERE item_id = :item_id
          - name: list_items
            description: All items.
            parameters: {type: object, properties: {}}
            returns: many
            sql:
              - SELECT item_id, name, qty FROM items ORDER BY item_id
          - name: add_item
            description: Adds an item.
            access: write
            parameters:
              type: object
              properties:
                shelf_id: {type: integer}
                name: {type: string}
                qty: {type: integer}
              required: [shelf_id, name, qty]
            returns: none
            sql:
              - INSERT INTO items (shelf_id, name, qty, added_on) VALUES (:shelf_id, :name, :qty, :today)
          - name: rename_then_add_to_missing_shelf
            description: Renames an item, then adds an item to a shelf that does not exist.
            access: write
            parameters:
              type: object
              properties:
                item_id: {type: integer}
              required: [item_id]
            returns: none
            sql:
              - UPDATE items SET name = 'renamed' WHERE item_id = :item_id
              - INSERT INTO items (shelf_id, name, qty) VALUES (999, 'orphan', 1)
          - name: add_then_find_nothing
            description: Adds an item, then reads a row that does not exist.
            access: write
            parameters:
              type: object
              properties:
                name: {type: string}
              required: [name]
            returns: one
            sql:
              - INSERT INTO items (shelf_id, name, qty) VALUES (1, :name, 1)
              - SELECT item_id, name FROM items WHERE item_id = -1
          - name: restock_low_item
            description: Adds stock to an item that is running low.
            access: write
            parameters:
              type: object
              properties:
                item_id: {type: integer}
                amount: {type: integer}
              required: [item_id, amount]
            returns: one
            preconditions:
              - sql: SELECT 1 FROM items WHERE item_id = :item_id
                error: no_rows
                message: There is no item {item_id}.
              - sql: SELECT qty < 100 FROM items WHERE item_id = :item_id
                message: Item {item_id} is already well stocked.
            sql:
              - UPDATE items SET qty = qty + :amount WHERE item_id = :item_id
              - SELECT item_id, qty FROM items WHERE item_id = :item_id
          - name: try_attach
            description: Tries to attach another database.
            parameters: {type: object, properties: {}}
            sql: ["ATTACH DATABASE '' AS other"]
          - name: try_create_table
            description: Tries to create a table.
            parameters: {type: object, properties: {}}
            sql: ["CREATE TABLE sneaky (x INTEGER)"]
          - name: try_drop_table
            description: Tries to drop a table.
            parameters: {type: object, properties: {}}
            sql: ["DROP TABLE items"]
          - name: try_pragma
            description: Tries to turn foreign keys off.
            parameters: {type: object, properties: {}}
            sql: ["PRAGMA foreign_keys = OFF"]
          - name: try_load_extension
            description: Tries to load an extension.
            parameters: {type: object, properties: {}}
            sql: ["SELECT load_extension('libparley_missing_extension')"]
          - name: count_forever
            description: A statement that never ends on its own.
            parameters: {type: object, properties: {}}
            returns: one
            sql: ["WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c"]
          - name: add_forever
            description: A write that never ends on its own.
            access: write
            parameters: {type: object, properties: {}}
            returns: none
            sql: ["INSERT INTO items (shelf_id, name, qty) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 1, 'bulk', 1 FROM c"]
        """;

    /// <summary>The domain's files by name.</summary>
    public static Dictionary<string, string?> Files() => new(StringComparer.Ordinal)
    {
        ["domain.yaml"] = DomainYaml,
        ["schema.sql"] = Schema,
        ["seed.yaml"] = Seed,
        ["tools.yaml"] = Tools,
        ["policy.md"] = "- Be brief.",
    };

    /// <summary>Assembles the declaration from <paramref name="files"/> (default: <see cref="Files"/>).</summary>
    public static EnvironmentSpec Spec(IReadOnlyDictionary<string, string?>? files = null)
    {
        var source = files ?? Files();
        return DomainCatalog.Assemble("tiny", f => source.GetValueOrDefault(f), "test/tiny");
    }

    /// <summary>Builds the tiny environment.</summary>
    public static EnvironmentDatabase Build(IReadOnlyDictionary<string, string?>? files = null) => EnvironmentDatabase.Build(Spec(files), 0);

    /// <summary>The files with one replaced.</summary>
    public static Dictionary<string, string?> With(string file, string? text)
    {
        var files = Files();
        files[file] = text;
        return files;
    }

    /// <summary>The tools file with one more tool appended (YAML text indented as a list item under <c>tools:</c>).</summary>
    public static Dictionary<string, string?> WithTool(string toolYaml) =>
        With("tools.yaml", Tools.TrimEnd() + "\n" + string.Join("\n", toolYaml.Split('\n').Select(l => "  " + l)) + "\n");
}
