"""lifetimes (the Python reference) on a CDNOW file, for bench/table.mjs: the same work as the
calculator's forecast in one process, timed. Prints JSON: seconds to import lifetimes, seconds
for load + summary + BG/NBD + Gamma-Gamma, and the estimates.

    python bench/lifetimes_cdnow.py CDNOW_master.txt

CDNOW_master.txt: one header line, then customer id, yyyymmdd, CDs, dollars (spaces). Time in
weeks (days / 7) to the last order, as the calculator counts; Gamma-Gamma on the repeat buyers
whose repeat purchases were worth something, as the calculator fits it.
"""

import json
import sys
import time

start = time.perf_counter()
import lifetimes  # noqa: E402
import pandas as pd  # noqa: E402
from lifetimes import BetaGeoFitter, GammaGammaFitter  # noqa: E402
from lifetimes.utils import summary_data_from_transaction_data  # noqa: E402

imported = time.perf_counter()
orders = pd.read_csv(sys.argv[1], sep=r"\s+", header=0, dtype={"customer_id": str, "date": str})
orders["date"] = pd.to_datetime(orders["date"], format="%Y%m%d")
summary = summary_data_from_transaction_data(
    orders, "customer_id", "date", monetary_value_col="dollar_value", freq="D"
)
summary[["recency", "T"]] = summary[["recency", "T"]] / 7.0
purchases = BetaGeoFitter()
purchases.fit(summary["frequency"], summary["recency"], summary["T"])
spenders = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
spend = GammaGammaFitter()
spend.fit(spenders["frequency"], spenders["monetary_value"])
done = time.perf_counter()

print(json.dumps({
    "version": lifetimes.__version__,
    "import": imported - start,
    "work": done - imported,
    "bgnbd": purchases.params_.to_dict(),
    "gammagamma": spend.params_.to_dict(),
}))
