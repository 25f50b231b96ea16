"""Words that product names and descriptions are assembled from, per category, and the rare tricky
spellings (quotes, commas, a leading `=`, `-`, `+` or `@`, non-ASCII letters) that exports must survive."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Vocabulary:
    brands: tuple[str, ...]
    adjectives: tuple[str, ...]
    nouns: tuple[str, ...]
    variants: tuple[str, ...]
    features: tuple[str, ...]


VOCABULARIES: dict[str, Vocabulary] = {
    "automotive": Vocabulary(
        ("Torque", "Roadline", "Pitstop", "Kraftwerk", "Automéa"),
        ("Heavy-Duty", "Universal", "Compact", "All-Weather", "Premium"),
        ("Wiper Blade", "Floor Mat", "Jump Starter", "Tyre Inflator", "Dash Cam", "Seat Cover", "Tow Strap"),
        ("12V", "Set of 2", "Black", "XL", "Gen 3"),
        ("fits most cars and vans", "installs in minutes", "resists oil and road salt"),
    ),
    "beauty": Vocabulary(
        ("Lumière", "Velvet Fox", "Pure Bloom", "Skinlab", "Aurelia"),
        ("Hydrating", "Gentle", "Radiant", "Matte", "Overnight"),
        ("Face Serum", "Lip Balm", "Shampoo", "Body Lotion", "Eye Cream", "Nail Polish", "Cleanser"),
        ("30 ml", "50 ml", "Travel Size", "Rose", "Unscented"),
        ("dermatologist tested", "free of parabens", "suits sensitive skin"),
    ),
    "books": Vocabulary(
        ("Harbor Press", "Quill & Co", "Northwind Books", "Papyrus", "Éditions Lune"),
        ("Illustrated", "Complete", "Pocket", "Annotated", "Collected"),
        ("Cookbook", "Atlas", "Mystery Novel", "Field Guide", "Poetry Collection", "History", "Workbook"),
        ("Paperback", "Hardcover", "2nd Edition", "Large Print", "Box Set"),
        ("with a new foreword", "printed on recycled paper", "over 300 colour plates"),
    ),
    "clothing": Vocabulary(
        ("Northline", "Urban Thread", "Maison Café", "Fjällkraft", "Bluebird"),
        ("Slim-Fit", "Organic", "Waterproof", "Classic", "Oversized"),
        ("T-Shirt", "Hoodie", "Rain Jacket", "Chinos", "Wool Scarf", "Sneakers", "Denim Jeans"),
        ("Size S", "Size M", "Size L", "Navy", "Charcoal"),
        ("made from organic cotton", "machine washable", "cut for everyday comfort"),
    ),
    "electronics": Vocabulary(
        ("Voltra", "Nexon", "Pixelwave", "Audion", "Kōbe Labs"),
        ("Wireless", "Noise-Cancelling", "Portable", "Smart", "Ultra-Slim"),
        ("Headphones", "Power Bank", "Bluetooth Speaker", "Monitor", "Keyboard", "Webcam", "Charger"),
        ("Pro", "Mini", "X2", "2024 Model", "Black"),
        ("with a two-year warranty", "charges over USB-C", "pairs in seconds"),
    ),
    "garden": Vocabulary(
        ("Greenleaf", "Terra", "Bloomfield", "Gärtner", "Sunpatch"),
        ("Foldable", "Rust-Proof", "Solar", "Ergonomic", "Self-Watering"),
        ("Hose Reel", "Planter", "Pruning Shears", "Garden Light", "Compost Bin", "Rake", "Seed Kit"),
        ("Large", "Set of 3", "Terracotta", "Green", "20 m"),
        ("weatherproof all year", "made of recycled plastic", "no tools needed"),
    ),
    "grocery": Vocabulary(
        ("Farmhouse", "Daily Harvest", "Olivia's", "Café Crème", "Nordic Pantry"),
        ("Organic", "Roasted", "Whole-Grain", "Fair-Trade", "Extra Virgin"),
        ("Coffee Beans", "Olive Oil", "Pasta", "Green Tea", "Honey", "Granola", "Dark Chocolate"),
        ("500 g", "1 kg", "Pack of 6", "250 ml", "Family Size"),
        ("sourced from small farms", "no added sugar", "best before two years"),
    ),
    "home": Vocabulary(
        ("Hygge Living", "Casa Nova", "Loom & Lamp", "Müller & Söhne", "Oakridge"),
        ("Handmade", "Minimalist", "Stackable", "Soft-Touch", "Vintage"),
        ("Table Lamp", "Throw Blanket", "Coffee Mug", "Storage Box", "Cushion Cover", "Wall Clock", "Vase"),
        ("Grey", "Set of 4", "Oak", "Ceramic", "Queen"),
        ("dishwasher safe", "designed in Copenhagen", "adds warmth to any room"),
    ),
    "sports": Vocabulary(
        ("Peakform", "Stride", "Aqualine", "Bergsport", "Velocé"),
        ("Lightweight", "Adjustable", "Non-Slip", "Breathable", "Pro-Grade"),
        (
            "Yoga Mat",
            "Dumbbell Set",
            "Running Shoes",
            "Water Bottle",
            "Tennis Racket",
            "Bike Helmet",
            "Jump Rope",
        ),
        ("10 kg", "Blue", "Size 42", "Pair", "1 L"),
        ("tested by athletes", "easy to clean", "built for daily training"),
    ),
    "toys": Vocabulary(
        ("Brickly", "Wonderbox", "Tiny Tribe", "Spielzeit", "Moonbeam"),
        ("Wooden", "Educational", "Remote-Control", "Plush", "Magnetic"),
        ("Building Set", "Puzzle", "Race Car", "Teddy Bear", "Board Game", "Doll House", "Train Set"),
        ("Ages 3+", "500 Pieces", "Deluxe", "Junior", "Travel Edition"),
        ("safe for small hands", "no batteries required", "hours of screen-free play"),
    ),
}

# Rare spellings that trip up careless CSV writers and spreadsheets; how often each one occurs.
QUOTED_NAME_RATE = 0.01
COMMA_NAME_RATE = 0.02
DASHED_NAME_RATE = 0.002
FORMULA_DESCRIPTION_RATE = 0.006
FORMULA_LEADS: tuple[str, ...] = (
    "=== Limited edition === ",
    "-15% launch price: ",
    "+1 free gift: ",
    "@home favourite: ",
)
