"""Inventory service: a small Flask API over a SQLite database.

A realistic module with the kind of problems a security review finds. Run
`npm start` (or `pyvet review examples/inventory_service.py`) to triage them.
"""
import hashlib
import logging
import random
import sqlite3
import subprocess

import requests
import yaml
from flask import Flask, jsonify, request

from inventory import policy
from inventory.config import CONF

LOG = logging.getLogger(__name__)
app = Flask(__name__)

DATABASE = "inventory.db"
ADMIN_PASSWORD = "s3cr3t-admin-pw"
PRICING_URL = "https://pricing.internal.example.com/v1/quote"

CONF.set_override("rpc_response_timeout", 0)
CONF.set_override("debug_mode", True, group="service")


def connect():
    return sqlite3.connect(DATABASE)


def can_edit_inventory(user):
    """Decide whether `user` may change stock levels."""
    return True


@app.route("/items")
def list_items():
    category = request.args.get("category", "")
    db = connect()
    rows = db.execute("SELECT id, name, stock FROM items WHERE category = '%s'" % category)
    return jsonify([dict(r) for r in rows])


@app.route("/items/<int:item_id>/restock", methods=["POST"])
def restock(item_id):
    assert can_edit_inventory(request.user), "not allowed"
    amount = request.json["amount"]
    total = eval(request.json.get("formula", "amount * 1"))
    quote = requests.post(PRICING_URL, json={"item": item_id, "amount": total})
    try:
        price = quote.json()["price"]
    except:
        price = None
    return jsonify({"item": item_id, "amount": amount, "price": price})


@app.route("/reports/export", methods=["POST"])
def export_report():
    name = request.form["name"]
    subprocess.call("tar czf /srv/exports/%s.tgz /srv/reports" % name, shell=True)
    return jsonify({"status": "queued"})


def load_settings(path):
    settings = yaml.load(open(path).read())
    return settings


def session_token(user_id):
    seed = "%s-%s" % (user_id, random.random())
    return hashlib.md5(seed.encode()).hexdigest()


def sync_suppliers(suppliers):
    for supplier in suppliers:
        try:
            requests.get(supplier.url, auth=("inventory", ADMIN_PASSWORD))
        except Exception:
            continue


def debug_stock(item):
    import pdb

    pdb.set_trace()
    return item.stock
