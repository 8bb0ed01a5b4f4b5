"""Overview: the headline picture for board members."""

import streamlit as st

from components import data

st.title("Bromley's children and families at a glance")
observations = data.observations()
st.write(f"{len(observations):,} figures from the Early Help Strategy, each traced to the sentence that states it.")
