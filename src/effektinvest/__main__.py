from effektinvest.cli import main

main()
