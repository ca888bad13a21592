      1 receive APORT->BPORT len 21 addr B cs same
      1 receive APORT->BPORT len 21 addr none cs same
      2 receive BPORT->APORT len 12 addr A cs same
      2 send APORT->BPORT len 21 addr A cs same
      2 send BPORT->APORT len 12 addr B cs same
status 0
