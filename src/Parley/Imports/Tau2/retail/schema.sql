-- τ²-bench's retail database (db.json) flattened into tables with keys. JSON-valued fields (options, id lists) are JSON text.
CREATE TABLE users (
  user_id TEXT PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL,
  address1 TEXT NOT NULL,
  address2 TEXT NOT NULL,
  city TEXT NOT NULL,
  state TEXT NOT NULL,
  country TEXT NOT NULL,
  zip TEXT NOT NULL
);
CREATE TABLE payment_methods (
  payment_method_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(user_id),
  source TEXT NOT NULL CHECK (source IN ('credit_card', 'gift_card', 'paypal')),
  brand TEXT,
  last_four TEXT,
  balance REAL,
  PRIMARY KEY (user_id, payment_method_id)
);
CREATE TABLE products (
  product_id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE variants (
  item_id TEXT NOT NULL,
  product_id TEXT NOT NULL REFERENCES products(product_id),
  options TEXT NOT NULL,
  available INTEGER NOT NULL,
  price REAL NOT NULL,
  PRIMARY KEY (product_id, item_id)
);
CREATE INDEX variants_item ON variants(item_id);
CREATE TABLE orders (
  order_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(user_id),
  address1 TEXT NOT NULL,
  address2 TEXT NOT NULL,
  city TEXT NOT NULL,
  state TEXT NOT NULL,
  country TEXT NOT NULL,
  zip TEXT NOT NULL,
  status TEXT NOT NULL,
  cancel_reason TEXT,
  exchange_items TEXT,
  exchange_new_items TEXT,
  exchange_payment_method_id TEXT,
  exchange_price_difference REAL,
  return_items TEXT,
  return_payment_method_id TEXT
);
CREATE INDEX orders_user ON orders(user_id);
CREATE TABLE order_items (
  order_id TEXT NOT NULL REFERENCES orders(order_id),
  position INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  product_id TEXT NOT NULL REFERENCES products(product_id),
  name TEXT NOT NULL,
  price REAL NOT NULL,
  options TEXT NOT NULL,
  PRIMARY KEY (order_id, position)
);
CREATE TABLE fulfillments (
  order_id TEXT NOT NULL REFERENCES orders(order_id),
  position INTEGER NOT NULL,
  tracking_ids TEXT NOT NULL,
  item_ids TEXT NOT NULL,
  PRIMARY KEY (order_id, position)
);
CREATE TABLE payments (
  order_id TEXT NOT NULL REFERENCES orders(order_id),
  position INTEGER NOT NULL,
  transaction_type TEXT NOT NULL CHECK (transaction_type IN ('payment', 'refund')),
  amount REAL NOT NULL,
  payment_method_id TEXT NOT NULL,
  PRIMARY KEY (order_id, position)
);
-- Scratch rows of modify_pending_order_items while it runs (always empty between calls).
CREATE TABLE item_changes (
  position INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL,
  price REAL NOT NULL,
  options TEXT NOT NULL,
  difference REAL NOT NULL
);
-- An order or a user as τ²'s tools return it: one row, nested parts as JSON.
CREATE VIEW order_details AS
SELECT o.order_id, o.user_id,
  json_object('address1', o.address1, 'address2', o.address2, 'city', o.city, 'state', o.state, 'country', o.country, 'zip', o.zip) AS address,
  (SELECT json_group_array(json_object('name', i.name, 'product_id', i.product_id, 'item_id', i.item_id, 'price', i.price, 'options', json(i.options)))
     FROM (SELECT * FROM order_items WHERE order_id = o.order_id ORDER BY position) i) AS items,
  o.status,
  (SELECT json_group_array(json_object('tracking_id', json(f.tracking_ids), 'item_ids', json(f.item_ids)))
     FROM (SELECT * FROM fulfillments WHERE order_id = o.order_id ORDER BY position) f) AS fulfillments,
  (SELECT json_group_array(json_object('transaction_type', p.transaction_type, 'amount', p.amount, 'payment_method_id', p.payment_method_id))
     FROM (SELECT * FROM payments WHERE order_id = o.order_id ORDER BY position) p) AS payment_history,
  o.cancel_reason, o.exchange_items, o.exchange_new_items, o.exchange_payment_method_id, o.exchange_price_difference,
  o.return_items, o.return_payment_method_id
FROM orders o;
CREATE VIEW user_details AS
SELECT u.user_id,
  json_object('first_name', u.first_name, 'last_name', u.last_name) AS name,
  json_object('address1', u.address1, 'address2', u.address2, 'city', u.city, 'state', u.state, 'country', u.country, 'zip', u.zip) AS address,
  u.email,
  (SELECT json_group_object(pm.payment_method_id, json_object('source', pm.source, 'id', pm.payment_method_id, 'brand', pm.brand, 'last_four', pm.last_four, 'balance', pm.balance))
     FROM payment_methods pm WHERE pm.user_id = u.user_id) AS payment_methods,
  (SELECT json_group_array(order_id) FROM (SELECT order_id FROM orders WHERE user_id = u.user_id ORDER BY order_id)) AS orders
FROM users u;
