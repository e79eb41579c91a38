CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  zip_code TEXT NOT NULL,
  member_since TEXT NOT NULL
);
CREATE TABLE accounts (
  account_id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
  account_number TEXT NOT NULL,
  account_type TEXT NOT NULL CHECK (account_type IN ('checking', 'savings')),
  balance REAL NOT NULL CHECK (balance >= 0),
  status TEXT NOT NULL CHECK (status IN ('active', 'frozen')),
  opened_on TEXT NOT NULL
);
CREATE TABLE transactions (
  transaction_id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(account_id),
  posted_on TEXT NOT NULL,
  merchant TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('groceries', 'dining', 'travel', 'shopping', 'utilities', 'entertainment', 'income', 'transfer')),
  kind TEXT NOT NULL CHECK (kind IN ('debit', 'credit')),
  amount REAL NOT NULL CHECK (amount > 0),
  status TEXT NOT NULL CHECK (status IN ('posted', 'pending', 'disputed'))
);
CREATE TABLE cards (
  card_id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(account_id),
  last_four TEXT NOT NULL CHECK (length(last_four) = 4),
  network TEXT NOT NULL CHECK (network IN ('Visa', 'Mastercard')),
  status TEXT NOT NULL CHECK (status IN ('active', 'locked', 'lost', 'expired')),
  daily_limit INTEGER NOT NULL CHECK (daily_limit BETWEEN 100 AND 5000),
  expires_on TEXT NOT NULL
);
CREATE TABLE transfers (
  transfer_id INTEGER PRIMARY KEY,
  from_account_id INTEGER NOT NULL REFERENCES accounts(account_id),
  to_account_id INTEGER NOT NULL REFERENCES accounts(account_id),
  amount REAL NOT NULL CHECK (amount > 0),
  memo TEXT NOT NULL,
  created_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('completed', 'reversed'))
);
CREATE TABLE disputes (
  dispute_id INTEGER PRIMARY KEY,
  transaction_id INTEGER NOT NULL REFERENCES transactions(transaction_id),
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'rejected')),
  opened_on TEXT NOT NULL,
  provisional_credit REAL NOT NULL DEFAULT 0 CHECK (provisional_credit >= 0)
);
