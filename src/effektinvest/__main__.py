from effektinvest import main

main()
